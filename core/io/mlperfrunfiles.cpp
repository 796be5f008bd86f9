#include "io/mlperfrunfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

namespace nightwatt {

namespace {

std::optional<int> numberIn(const QString &name, const QRegularExpression &pattern)
{
    const QRegularExpressionMatch match = pattern.match(name);
    if (!match.hasMatch())
        return std::nullopt;
    return match.captured(1).toInt();
}

const QRegularExpression &resultLogName()
{
    static const QRegularExpression pattern(QStringLiteral("^result_(\\d+)\\.txt$"));
    return pattern;
}

const QRegularExpression &resultFolderName()
{
    static const QRegularExpression pattern(QStringLiteral("^result_(\\d+)$"));
    return pattern;
}

// `powerDir` is <benchmark>/power/result_N.
std::optional<MlperfRunFiles> fromPowerFolder(const QDir &powerDir, int run)
{
    static const QRegularExpression nodeName(QStringLiteral("^node_(\\d+)\\.txt$"));
    static const QRegularExpression switchName(QStringLiteral("^sw_(\\d+)\\.txt$"));
    MlperfRunFiles files;
    const QFileInfoList entries = powerDir.entryInfoList(QDir::Files, QDir::Name);
    for (const QFileInfo &entry : entries) {
        if (const auto node = numberIn(entry.fileName(), nodeName))
            files.nodes.append({entry.filePath(), *node});
        else if (const auto sw = numberIn(entry.fileName(), switchName))
            files.switches.append({entry.filePath(), *sw});
    }
    if (files.nodes.isEmpty() && files.switches.isEmpty())
        return std::nullopt;
    const auto byIndex = [](const MlperfRunFiles::PowerFile &a, const MlperfRunFiles::PowerFile &b) { return a.index < b.index; };
    std::sort(files.nodes.begin(), files.nodes.end(), byIndex);
    std::sort(files.switches.begin(), files.switches.end(), byIndex);
    QDir benchmark = powerDir;
    if (benchmark.cdUp() && benchmark.dirName() == u"power" && benchmark.cdUp()) {
        const QFileInfo log(benchmark.filePath(QStringLiteral("result_%1.txt").arg(run)));
        if (log.isFile())
            files.trainingLog = log.filePath();
    }
    return files;
}

} // namespace

std::optional<MlperfRunFiles> MlperfRunFiles::locate(const QString &path)
{
    const QFileInfo info(path);
    if (info.isFile()) {
        if (const auto run = numberIn(info.fileName(), resultLogName())) {
            const QDir powerDir(info.dir().filePath(QStringLiteral("power/result_%1").arg(*run)));
            return powerDir.exists() ? fromPowerFolder(powerDir, *run) : std::nullopt;
        }
        static const QRegularExpression powerFileName(QStringLiteral("^(node|sw)_\\d+\\.txt$"));
        const QDir dir = info.dir();
        const auto run = numberIn(dir.dirName(), resultFolderName());
        if (!powerFileName.match(info.fileName()).hasMatch() || !run)
            return std::nullopt;
        return fromPowerFolder(dir, *run);
    }
    if (info.isDir()) {
        const QDir dir(path);
        if (const auto run = numberIn(dir.dirName(), resultFolderName()))
            return fromPowerFolder(dir, *run);
    }
    return std::nullopt;
}

QList<MlperfRunFiles> MlperfRunFiles::inBenchmark(const QString &benchmarkDir)
{
    QList<std::pair<int, MlperfRunFiles>> runs;
    const QFileInfoList entries = QDir(benchmarkDir).entryInfoList(QDir::Files, QDir::Name);
    for (const QFileInfo &entry : entries) {
        const auto run = numberIn(entry.fileName(), resultLogName());
        if (!run)
            continue;
        auto files = locate(entry.filePath());
        if (!files) {
            files = MlperfRunFiles();
            files->trainingLog = entry.filePath();
        }
        runs.append({*run, *files});
    }
    std::sort(runs.begin(), runs.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QList<MlperfRunFiles> out;
    for (const auto &run : std::as_const(runs))
        out.append(run.second);
    return out;
}

} // namespace nightwatt
