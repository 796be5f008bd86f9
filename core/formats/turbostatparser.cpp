#include "formats/turbostatparser.h"

#include "formats/blankseparated.h"
#include "formats/powervalue.h"
#include "io/messagetext.h"

#include <QDateTime>

#include <cmath>

namespace nightwatt {

namespace {

struct KnownPower
{
    const char *column;
    const char *id;
    const char *label;
    ChannelRole role;
};

// PkgWatt is the whole package (summed over packages in the summary row): the reported total.
// Core, graphics, DRAM and platform (psys) figures are shown beside it, never added to it.
constexpr KnownPower kPowers[] = {
    {"PkgWatt", "package", "Package (reported)", ChannelRole::ReportedTotal},
    {"CorWatt", "cores", "Cores", ChannelRole::Auxiliary},
    {"GFXWatt", "gfx", "Graphics", ChannelRole::Auxiliary},
    {"RAMWatt", "dram", "DRAM", ChannelRole::Auxiliary},
    {"SysWatt", "psys", "Platform (psys)", ChannelRole::Auxiliary},
};

bool isHeader(const std::vector<QByteArrayView> &fields)
{
    for (const auto &field : fields) {
        if (field == "Avg_MHz" || field == "Busy%" || field == "PkgWatt" || field == "CorWatt" || field == "Bzy_MHz")
            return true;
    }
    return false;
}

} // namespace

int TurbostatParser::sniff(QByteArrayView head)
{
    // The header names are turbostat's own; a power column makes it a power log.
    const bool table = head.contains("Avg_MHz") && head.contains("Busy%") && head.contains("Bzy_MHz");
    if (!table)
        return 0;
    return head.contains("PkgWatt") || head.contains("CorWatt") ? 85 : 40;
}

void TurbostatParser::parseLine(QByteArrayView line, qint64 lineNumber)
{
    const std::vector<QByteArrayView> fields = splitOnBlanks(line);
    if (fields.empty())
        return;
    if (isHeader(fields)) {
        readHeader(fields, lineNumber);
        return;
    }
    if (!m_sawHeader)
        return; // verbose preamble ("turbostat version …", "cpu0: MSR_…")
    parseRow(fields, lineNumber);
}

void TurbostatParser::parseUnterminatedLine(QByteArrayView line, qint64 lineNumber)
{
    // A cut-off summary row would lose its trailing power columns; per-CPU rows are not read.
    const std::vector<QByteArrayView> fields = splitOnBlanks(line);
    const bool maybeSummary = m_summaryKeyColumn < 0 || m_summaryKeyColumn >= std::ssize(fields) || fields[m_summaryKeyColumn] == "-";
    if (m_sawHeader && !fields.empty() && !isHeader(fields) && maybeSummary && std::ssize(fields) < m_columns.size()) {
        reportIssue(lineNumber, QStringLiteral("last summary row is cut off (no newline at end of file); left out"));
        return;
    }
    parseLine(line, lineNumber);
}

void TurbostatParser::readHeader(const std::vector<QByteArrayView> &fields, qint64 lineNumber)
{
    m_columns.clear();
    for (int i = 0; i < std::ssize(fields); ++i)
        m_columns.insert(QString::fromUtf8(fields[i].data(), fields[i].size()), i);
    m_summaryKeyColumn = m_columns.value(QStringLiteral("CPU"), m_columns.value(QStringLiteral("Core"), -1));
    m_timeColumn = m_columns.value(QStringLiteral("Time_Of_Day_Seconds"), -1);
    m_powers.clear();
    for (const auto &known : kPowers) {
        const int column = m_columns.value(QString::fromLatin1(known.column), -1);
        if (column >= 0)
            m_powers.push_back({column, sink()->channel({QString::fromLatin1(known.id), QString::fromLatin1(known.label), known.role})});
    }
    if (m_powers.empty())
        reportIssue(lineNumber, QStringLiteral("turbostat header without power columns (PkgWatt, CorWatt, …): run turbostat with --show PkgWatt"));
    if (!m_sawHeader) {
        m_sawHeader = true;
        m_timed = m_timeColumn >= 0;
        sink()->setTiming(m_timed ? TimingKind::Windowed : TimingKind::None);
        if (!m_timed)
            sink()->metadata(QStringLiteral("timing"), QStringLiteral("no Time_Of_Day_Seconds column: the interval length is not in the log"));
    } else if (m_timed && m_timeColumn < 0) {
        reportIssue(lineNumber, QStringLiteral("header without Time_Of_Day_Seconds in a timed log; its rows are left out"));
    }
}

void TurbostatParser::parseRow(const std::vector<QByteArrayView> &fields, qint64 lineNumber)
{
    if (m_summaryKeyColumn >= 0) {
        if (m_summaryKeyColumn >= std::ssize(fields) || fields[m_summaryKeyColumn] != "-")
            return; // a per-CPU row: the summary row already holds the totals
    }
    std::vector<float> values;
    bool any = false;
    for (const auto &power : m_powers) {
        if (size_t(power.channel) >= values.size())
            values.resize(size_t(power.channel) + 1, kMissing);
        if (power.column >= std::ssize(fields) || fields[power.column] == "-")
            continue;
        const auto watts = parseNumber(fields[power.column]);
        if (!watts) {
            reportIssue(lineNumber, QStringLiteral("power value %1 is not a number; left out")
                                        .arg(quoteInput(fields[power.column])));
            continue;
        }
        if (const QString problem = implausiblePowerReason(*watts); !problem.isEmpty()) {
            reportIssue(lineNumber, problem + QStringLiteral("; left out"));
            continue;
        }
        values[size_t(power.channel)] = float(*watts);
        any = true;
    }
    if (!any)
        return;

    if (!m_timed) {
        sink()->sample(double(m_untimedIndex++), 0.0f, values, lineNumber);
        return;
    }
    const auto epoch = m_timeColumn >= 0 && m_timeColumn < std::ssize(fields) ? parseNumber(fields[m_timeColumn]) : std::nullopt;
    if (!epoch || !std::isfinite(*epoch)) {
        reportIssue(lineNumber, QStringLiteral("summary row without a valid Time_Of_Day_Seconds; left out"));
        return;
    }
    Pending sample{*epoch, std::move(values), lineNumber};
    if (m_first) {
        const double windowS = sample.epochS - m_first->epochS;
        if (!(windowS > 0)) {
            reportIssue(lineNumber, QStringLiteral("time does not advance from the first interval; left out"));
            return;
        }
        m_zeroEpochS = m_first->epochS - windowS;
        sink()->setClockAtZero(QDateTime::fromMSecsSinceEpoch(qint64(std::llround(m_zeroEpochS * 1000.0)), Qt::UTC));
        m_lastEpochS = m_zeroEpochS;
        emitTimed(*m_first, windowS);
        m_first.reset();
        emitTimed(sample, sample.epochS - m_lastEpochS);
    } else if (m_timedSamples == 0) {
        m_first = std::move(sample);
    } else {
        const double windowS = sample.epochS - m_lastEpochS;
        if (!(windowS > 0)) {
            reportIssue(lineNumber, QStringLiteral("Time_Of_Day_Seconds goes back in time; left out"));
            return;
        }
        emitTimed(sample, windowS);
    }
}

void TurbostatParser::emitTimed(const Pending &sample, double windowS)
{
    sink()->sample(m_lastEpochS - m_zeroEpochS, float(windowS), sample.values, sample.line);
    m_lastEpochS = sample.epochS;
    ++m_timedSamples;
}

void TurbostatParser::endOfInput()
{
    if (!m_first)
        return;
    // One interval: its end is known, its length is not.
    sink()->setTiming(TimingKind::None);
    sink()->setClockAtZero(QDateTime::fromMSecsSinceEpoch(qint64(std::llround(m_first->epochS * 1000.0)), Qt::UTC));
    sink()->metadata(QStringLiteral("timing"), QStringLiteral("a single interval: its length is not in the log"));
    sink()->sample(0.0, 0.0f, m_first->values, m_first->line);
    m_first.reset();
}

} // namespace nightwatt
