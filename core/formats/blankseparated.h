#pragma once

#include <QByteArrayView>

#include <vector>

namespace nightwatt {

// The words of a line whose columns are separated by runs of spaces or tabs (nvidia-smi's table
// and dmon, turbostat), into `out`, which is reused so a parser splitting every line allocates
// once.
inline void splitOnBlanks(QByteArrayView line, std::vector<QByteArrayView> &out)
{
    out.clear();
    qsizetype i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        const qsizetype start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t')
            ++i;
        if (i > start)
            out.push_back(line.sliced(start, i - start));
    }
}

inline std::vector<QByteArrayView> splitOnBlanks(QByteArrayView line)
{
    std::vector<QByteArrayView> out;
    splitOnBlanks(line, out);
    return out;
}

} // namespace nightwatt
