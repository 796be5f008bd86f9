#include "formats/nvidiasmitableparser.h"

#include <cmath>

#include "formats/blankseparated.h"
#include "formats/powervalue.h"
#include "io/messagetext.h"

namespace nightwatt {

namespace {

QString text(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes.data(), bytes.size());
}

bool allDigits(QByteArrayView word)
{
    if (word.isEmpty())
        return false;
    for (char c : word) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

// The text between `key` and the next run of two spaces or a '|': "Driver Version: 590.48.01  ".
QString valueAfter(QByteArrayView line, QByteArrayView key)
{
    const qsizetype at = line.indexOf(key);
    if (at < 0)
        return {};
    QByteArrayView rest = line.sliced(at + key.size()).trimmed();
    const qsizetype stop = rest.indexOf(' ');
    return text(stop < 0 ? rest : rest.first(stop));
}

} // namespace

int NvidiaSmiTableParser::sniff(QByteArrayView head)
{
    if (head.contains("| NVIDIA-SMI ") && head.contains("Driver Version:"))
        return 90;
    if (head.contains("Pwr:Usage/Cap"))
        return 80;
    return 0;
}

void NvidiaSmiTableParser::startBlock(qint64 lineNumber)
{
    flushBlock();
    m_blockOpen = true;
    m_blockHasClock = false;
    m_blockLine = lineNumber;
    m_section = Section::Preamble;
    m_currentGpu = -1;
    std::fill(m_watts.begin(), m_watts.end(), kMissing);
}

void NvidiaSmiTableParser::parseLine(QByteArrayView line, qint64 lineNumber)
{
    const QByteArrayView trimmed = line.trimmed();
    if (trimmed.isEmpty())
        return;
    if (trimmed.front() != '|' && trimmed.front() != '+') {
        if (const std::optional<double> clock = parseCtime(trimmed)) {
            startBlock(lineNumber);
            m_blockHasClock = true;
            m_blockClockS = *clock;
        }
        return;
    }
    if (trimmed.startsWith("| NVIDIA-SMI ")) {
        // A block without a ctime line before it (pasted without the first line) starts here.
        if (!m_blockOpen || m_section != Section::Preamble)
            startBlock(lineNumber);
        readDriverLine(trimmed);
        return;
    }
    if (!m_blockOpen)
        return;
    if (trimmed.startsWith("|=")) {
        if (m_section == Section::Preamble)
            m_section = Section::Gpus;
        return;
    }
    if (trimmed.startsWith("| Processes:") || trimmed.contains("MIG devices:")) {
        m_section = Section::Other;
        return;
    }
    if (m_section != Section::Gpus || trimmed.front() != '|')
        return;
    const qsizetype cellEnd = trimmed.indexOf('|', 1);
    if (cellEnd > 0)
        readGpuCell(trimmed.sliced(1, cellEnd - 1), lineNumber);
}

void NvidiaSmiTableParser::readDriverLine(QByteArrayView line)
{
    const QString driver = valueAfter(line, "Driver Version:");
    if (!driver.isEmpty())
        sink()->metadata(QStringLiteral("driver_version"), driver);
    const QString cuda = valueAfter(line, "CUDA Version:");
    if (!cuda.isEmpty())
        sink()->metadata(QStringLiteral("cuda_version"), cuda);
}

void NvidiaSmiTableParser::readGpuCell(QByteArrayView cell, qint64 lineNumber)
{
    // First line of a GPU: "   0  NVIDIA GH200 120GB             On  "; second line:
    // " N/A   23C    P0             92W /  900W " (the power draw is the word before the '/').
    const std::vector<QByteArrayView> w = splitOnBlanks(cell);
    if (w.empty())
        return;
    if (allDigits(w[0]) && w.size() >= 2) {
        const std::optional<double> index = parseNumber(w[0]);
        if (index && *index < 64) {
            m_currentGpu = int(*index);
            if (m_blocks == 0) {
                QByteArrayView name = cell.trimmed().sliced(w[0].size()).trimmed();
                // The name is followed by the persistence / driver-model word ("On", "WDDM").
                const qsizetype gap = name.lastIndexOf("  ");
                if (gap > 0)
                    name = name.first(gap).trimmed();
                sink()->metadata(QStringLiteral("gpu%1_name").arg(m_currentGpu), text(name));
            }
        }
        return;
    }
    // " / " (spaced) so that the slash of a "N/A" fan or power field is not taken for it.
    const qsizetype slash = cell.indexOf(" / ");
    if (slash < 0 || m_currentGpu < 0)
        return;
    const QByteArrayView cap = cell.sliced(slash + 3).trimmed();
    if (!cap.endsWith('W') && cap != "N/A")
        return;
    const std::vector<QByteArrayView> before = splitOnBlanks(cell.first(slash));
    if (before.empty())
        return;
    QByteArrayView usage = before.back();
    if (m_watts.size() <= size_t(m_currentGpu))
        m_watts.resize(size_t(m_currentGpu) + 1, kMissing);
    if (usage == "N/A" || usage == "ERR!") {
        reportIssue(lineNumber, QStringLiteral("GPU %1 power draw is %2; left out").arg(m_currentGpu).arg(quoteInput(usage)));
        m_currentGpu = -1;
        return;
    }
    if (usage.endsWith('W'))
        usage.chop(1);
    const std::optional<double> watts = parseNumber(usage);
    if (!watts) {
        reportIssue(lineNumber, QStringLiteral("GPU %1 power draw %2 is not a number; left out").arg(m_currentGpu).arg(quoteInput(before.back())));
    } else if (const QString problem = implausiblePowerReason(*watts); !problem.isEmpty()) {
        reportIssue(lineNumber, QStringLiteral("GPU %1: %2; left out").arg(m_currentGpu).arg(problem));
    } else {
        m_watts[size_t(m_currentGpu)] = float(*watts);
    }
    m_currentGpu = -1;
}

void NvidiaSmiTableParser::flushBlock()
{
    if (!m_blockOpen)
        return;
    m_blockOpen = false;
    if (m_watts.empty())
        return;
    if (!m_timingSet) {
        m_timingSet = true;
        m_timed = m_blockHasClock;
        sink()->setTiming(m_timed ? TimingKind::Points : TimingKind::None);
        if (m_timed) {
            sink()->setClockAtZero(WallTime{m_blockClockS, std::nullopt}.toDateTime());
            sink()->metadata(QStringLiteral("clock"), QStringLiteral("local time of the machine; nvidia-smi prints no time zone"));
        }
    } else if (m_timed != m_blockHasClock) {
        reportIssue(m_blockLine, m_timed ? QStringLiteral("table without a time line before it; left out")
                                         : QStringLiteral("time line in a log whose first table had none; ignored"));
        if (m_timed)
            return;
    }
    const double clockS = m_timed ? m_blockClockS : std::nan("");
    if (const double backS = m_writer.write(*sink(), m_watts, clockS, m_blockLine); backS > 0)
        reportIssue(m_blockLine, GpuSampleWriter::clockWentBack(backS, QStringLiteral("table")));
    ++m_blocks;
}

void NvidiaSmiTableParser::endOfInput()
{
    flushBlock();
    sink()->metadata(QStringLiteral("gpu_count"), QString::number(m_writer.gpuCount()));
}

} // namespace nightwatt
