#include "formats/nvidiasmidmonparser.h"

#include "formats/blankseparated.h"
#include "formats/powervalue.h"
#include "io/messagetext.h"

namespace nightwatt {

namespace {

QByteArrayView firstNonEmptyLine(QByteArrayView head, qsizetype &next)
{
    qsizetype pos = head.startsWith("\xEF\xBB\xBF") ? 3 : 0;
    while (pos < head.size()) {
        qsizetype end = head.indexOf('\n', pos);
        if (end < 0)
            end = head.size();
        const QByteArrayView line = head.sliced(pos, end - pos).trimmed();
        pos = end + 1;
        if (!line.isEmpty()) {
            next = pos;
            return line;
        }
    }
    next = head.size();
    return {};
}

} // namespace

NvidiaSmiDmonParser::NvidiaSmiDmonParser()
    : m_polls(this)
{
}

int NvidiaSmiDmonParser::sniff(QByteArrayView head)
{
    qsizetype next = 0;
    const QByteArrayView names = firstNonEmptyLine(head, next);
    if (!names.startsWith('#'))
        return 0;
    std::vector<QByteArrayView> words;
    splitOnBlanks(names.sliced(1), words);
    if (std::find(words.begin(), words.end(), QByteArrayView("gpu")) == words.end())
        return 0;
    const QByteArrayView units = firstNonEmptyLine(head.sliced(std::min(next, head.size())), next);
    splitOnBlanks(units.startsWith('#') ? units.sliced(1) : QByteArrayView(), words);
    return std::find(words.begin(), words.end(), QByteArrayView("Idx")) != words.end() ? 85 : 40;
}

void NvidiaSmiDmonParser::parseLine(QByteArrayView line, qint64 lineNumber)
{
    if (m_failed)
        return;
    if (line.isEmpty())
        return;
    if (line.front() == '#') {
        splitOnBlanks(line.sliced(1), m_words);
        // The names line holds "gpu"; the units line under it ("Idx", "W", "MHz") is skipped.
        if (std::find(m_words.begin(), m_words.end(), QByteArrayView("gpu")) != m_words.end())
            readHeader(lineNumber);
        return;
    }
    splitOnBlanks(line, m_words);
    if (m_words.empty())
        return;
    if (!m_haveHeader) {
        m_failed = true;
        reportFailure(lineNumber, QStringLiteral("no \"# gpu ...\" header line before the first row, so the columns are unknown"));
        return;
    }
    if (m_powerColumn >= 0)
        parseRow(lineNumber, false);
}

void NvidiaSmiDmonParser::parseUnterminatedLine(QByteArrayView line, qint64 lineNumber)
{
    if (m_failed || line.trimmed().isEmpty() || line.front() == '#' || m_powerColumn < 0)
        return;
    splitOnBlanks(line, m_words);
    parseRow(lineNumber, true);
}

void NvidiaSmiDmonParser::readHeader(qint64 lineNumber)
{
    int date = -1, time = -1, gpu = -1, power = -1;
    for (int i = 0; i < int(m_words.size()); ++i) {
        const QByteArrayView word = m_words[size_t(i)];
        if (word == "Date")
            date = i;
        else if (word == "Time")
            time = i;
        else if (word == "gpu")
            gpu = i;
        else if (word == "pwr")
            power = i;
    }
    const bool same = m_haveHeader && int(m_words.size()) == m_columnCount && date == m_dateColumn && time == m_timeColumn
                      && gpu == m_gpuColumn && power == m_powerColumn;
    if (same)
        return; // dmon repeats its header every screenful
    if (power < 0) {
        const QString message = QStringLiteral("no power column: the dmon header has no \"pwr\" column (record it with "
                                               "-s p, e.g. nvidia-smi dmon -s pu)");
        if (!m_sawData) {
            m_failed = true;
            reportFailure(lineNumber, message);
            return;
        }
        reportIssue(lineNumber, message + QStringLiteral("; rows up to the next header are left out"));
    }
    if (m_haveHeader)
        m_polls.finishPoll();
    m_haveHeader = true;
    m_columnCount = int(m_words.size());
    m_dateColumn = date;
    m_timeColumn = time;
    m_gpuColumn = gpu;
    m_powerColumn = power;
    m_polls.reset(GpuPollAssembler::Identity::Column);
    if (power >= 0) {
        sink()->metadata(QStringLiteral("power_column"), QStringLiteral("pwr"));
        sink()->metadata(QStringLiteral("clock"),
                         time >= 0 ? QStringLiteral("local time of the logging machine (-o T); dmon prints no time zone")
                                   : QStringLiteral("none: the log was written without -o T, and the interval (-d) is not "
                                                    "in it, so its duration is unknown"));
    }
}

void NvidiaSmiDmonParser::parseRow(qint64 lineNumber, bool lastLine)
{
    if (int(m_words.size()) != m_columnCount) {
        reportIssue(lineNumber, lastLine ? QStringLiteral("last line is cut off (no newline at end of file); left out")
                                         : QStringLiteral("row has %1 columns where the header has %2; left out")
                                               .arg(m_words.size())
                                               .arg(m_columnCount));
        return;
    }
    m_sawData = true;
    const QByteArrayView gpuText = m_words[size_t(m_gpuColumn)];
    const std::optional<double> gpu = parseNumber(gpuText);
    if (!gpu || *gpu < 0 || *gpu >= GpuPollAssembler::kMaxGpus || *gpu != double(int(*gpu))) {
        reportIssue(lineNumber, QStringLiteral("GPU index %1 is not a GPU number; row left out").arg(quoteInput(gpuText)));
        return;
    }
    double clockS = std::numeric_limits<double>::quiet_NaN();
    if (m_timeColumn >= 0) {
        const std::optional<int> time = parseTimeOfDay(m_words[size_t(m_timeColumn)]);
        std::optional<double> date;
        if (m_dateColumn >= 0)
            date = parseCompactDate(m_words[size_t(m_dateColumn)]);
        if (!time || (m_dateColumn >= 0 && !date)) {
            reportIssue(lineNumber, QStringLiteral("date or time is not YYYYMMDD / HH:MM:SS; row left out"));
            return;
        }
        if (date) {
            clockS = *date + *time;
        } else {
            // Time of day only: a time far before the previous one is the next day.
            if (m_lastClockS >= 0 && *time + m_dayOffsetS < m_lastClockS - 12 * 3600)
                m_dayOffsetS += 86400;
            clockS = *time + m_dayOffsetS;
        }
        m_lastClockS = clockS;
    }
    float watts = kMissing;
    const QByteArrayView value = m_words[size_t(m_powerColumn)];
    if (value == "-") {
        if (m_missingPower++ == 0)
            m_firstMissingLine = lineNumber;
    } else if (const std::optional<double> number = parseNumber(value); !number) {
        reportIssue(lineNumber, QStringLiteral("pwr value %1 is not a number; left out").arg(quoteInput(value)));
    } else if (const QString problem = implausiblePowerReason(*number); !problem.isEmpty()) {
        reportIssue(lineNumber, QStringLiteral("pwr: %1; left out").arg(problem));
    } else {
        watts = float(*number);
    }
    m_polls.addRow(clockS, int(*gpu), watts, lineNumber);
}

void NvidiaSmiDmonParser::poll(double clockS, std::span<const float> wattsByGpu, qint64 line)
{
    const bool timed = !std::isnan(clockS);
    if (!m_timingSet) {
        m_timingSet = true;
        sink()->setTiming(timed ? TimingKind::Points : TimingKind::None);
        if (timed && m_dateColumn >= 0)
            sink()->setClockAtZero(WallTime{clockS, std::nullopt}.toDateTime());
    }
    if (const double backS = m_writer.write(*sink(), wattsByGpu, clockS, line); backS > 0)
        reportIssue(line, GpuSampleWriter::clockWentBack(backS, QStringLiteral("interval")));
}

void NvidiaSmiDmonParser::pollIssue(qint64 line, const QString &message)
{
    reportIssue(line, message);
}

void NvidiaSmiDmonParser::endOfInput()
{
    if (m_failed)
        return;
    m_polls.finish();
    if (m_missingPower > 0)
        reportIssue(m_firstMissingLine, QStringLiteral("pwr is missing (\"-\") in %1 row(s), the first here; those readings "
                                                       "are left out, not counted as 0 W")
                                            .arg(m_missingPower));
    if (m_haveHeader && !m_sawData && m_powerColumn >= 0)
        reportIssue(0, QStringLiteral("the log has a header but no data rows"));
    sink()->metadata(QStringLiteral("gpu_count"), QString::number(m_writer.gpuCount()));
}

} // namespace nightwatt
