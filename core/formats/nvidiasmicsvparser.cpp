#include "formats/nvidiasmicsvparser.h"

#include "formats/nvidiasmicsvfields.h"
#include "formats/powervalue.h"
#include "formats/tracebuilder.h"
#include "io/messagetext.h"

#include <array>
#include <cstring>

namespace nightwatt {

namespace {

// Power keys in the order they are preferred: power.draw is what nvidia-smi itself shows.
constexpr QByteArrayView kPowerKeys[] = {"power.draw", "power.draw.average", "power.draw.instant"};

} // namespace

using namespace nvidiasmicsv;

NvidiaSmiCsvParser::NvidiaSmiCsvParser()
    : m_polls(this)
{
}

int NvidiaSmiCsvParser::sniff(QByteArrayView head)
{
    const QByteArrayView line = firstLine(head);
    std::vector<QByteArrayView> fields;
    splitFields(line, fields);
    if (isHeaderLine(fields))
        return isNvidiaHeaderLine(fields) ? 85 : 0;
    // noheader: "2025/07/26 23:33:48.924, 116.94 W, ..." (slashes are nvidia-smi's date style)
    if (fields.size() >= 2 && fields.front().size() >= 19 && fields.front()[4] == '/' && line.contains(", ")
        && parseDateTime(fields.front()))
        return 55;
    return 0;
}

void NvidiaSmiCsvParser::parseLine(QByteArrayView line, qint64 lineNumber)
{
    if (m_failed)
        return;
    line = line.trimmed();
    if (line.isEmpty())
        return;
    if (isTail()) {
        if (!m_tailBroken)
            noteTailRow(line, lineNumber);
        return;
    }
    if (line.front() >= 'a' && line.front() <= 'z' && readHeader(line, lineNumber))
        return;
    if (!m_haveColumns) {
        if (!inferColumns(line, lineNumber))
            return;
    }
    if (m_columns.power < 0)
        return; // a header without power mid-file: rows until the next header are not usable
    parseRow(line, lineNumber);
}

void NvidiaSmiCsvParser::parseUnterminatedLine(QByteArrayView line, qint64 lineNumber)
{
    if (m_failed)
        return;
    // Logs copied while nvidia-smi was writing end at a 4 KiB block boundary, mid-record; a
    // header is whole if it parses as one (a file holding just the header). Many tools and
    // hand-made files end without a newline, though: a row that is visibly whole is read.
    line = line.trimmed();
    if (line.isEmpty())
        return;
    if (line.front() >= 'a' && line.front() <= 'z' && readHeader(line, lineNumber))
        return;
    if (lastLineIsWhole(line)) {
        parseLine(line, lineNumber);
        return;
    }
    reportIssue(lineNumber, QStringLiteral("last line is cut off (no newline at end of file); left out"));
}

void NvidiaSmiCsvParser::keepLastField(QByteArrayView field)
{
    m_lastFieldSize = field.size();
    std::memcpy(m_lastField, field.data(), size_t(std::min(field.size(), qsizetype(sizeof m_lastField))));
}

bool NvidiaSmiCsvParser::lastLineIsWhole(QByteArrayView line)
{
    // A cut row has fewer fields, or its last field is cut short: compared with the row before,
    // a number lost digits after the point or its unit ("30" after "100.00 W"), a text is a
    // part of the one before ("NVIDIA H1"), a "[N/A]" lost its bracket.
    if (!m_haveColumns || m_columns.power < 0)
        return false;
    splitFields(line, m_fields);
    if (int(m_fields.size()) != m_columns.count)
        return false;
    const QByteArrayView last = m_fields.back();
    if (last.startsWith('[') && !last.endsWith(']'))
        return false;
    if (m_lastFieldSize < 0)
        return !last.isEmpty();
    const QByteArrayView before(m_lastField, std::min(m_lastFieldSize, qsizetype(sizeof m_lastField)));
    const bool beforeWhole = m_lastFieldSize <= qsizetype(sizeof m_lastField);
    if (int(m_fields.size()) - 1 == m_columns.timestamp)
        return last.size() >= m_lastFieldSize;
    const auto numberAndUnit = [](QByteArrayView value) {
        const qsizetype space = value.indexOf(' ');
        return std::pair{space < 0 ? value : value.first(space), space < 0 ? QByteArrayView() : value.sliced(space)};
    };
    const auto [number, unit] = numberAndUnit(last);
    const auto [numberBefore, unitBefore] = numberAndUnit(before);
    if (parseNumber(number) && parseNumber(numberBefore)) {
        const auto decimals = [](QByteArrayView digits) {
            const qsizetype point = digits.indexOf('.');
            return point < 0 ? 0 : digits.size() - point - 1;
        };
        return decimals(number) == decimals(numberBefore) && (!beforeWhole || unit == unitBefore);
    }
    return !(last.size() < m_lastFieldSize && before.startsWith(last.first(std::min(last.size(), before.size()))));
}

bool NvidiaSmiCsvParser::readHeader(QByteArrayView line, qint64 lineNumber)
{
    splitFields(line, m_fields);
    if (!isNvidiaHeaderLine(m_fields))
        return false;
    Columns columns;
    columns.count = int(m_fields.size());
    int powerRank = int(std::size(kPowerKeys));
    for (int i = 0; i < columns.count; ++i) {
        const QByteArrayView key = headerKey(m_fields[size_t(i)]);
        if (key == "timestamp")
            columns.timestamp = i;
        else if (key == "index")
            columns.index = i;
        else if (key == "pci.bus_id")
            columns.busId = i;
        else if (key == "uuid")
            columns.uuid = i;
        else if (key == "name" || key == "gpu_name")
            columns.name = i;
        for (int rank = 0; rank < powerRank; ++rank) {
            if (key == kPowerKeys[rank]) {
                columns.power = i;
                columns.powerKey = key.toByteArray();
                powerRank = rank;
            }
        }
    }
    if (const QString wanted = options().powerColumn; !wanted.isEmpty()) {
        columns.power = -1;
        for (int i = 0; i < columns.count; ++i) {
            const QByteArrayView field = m_fields[size_t(i)];
            if (text(headerKey(field)) == wanted || text(field) == wanted) {
                columns.power = i;
                columns.powerKey = headerKey(field).toByteArray();
            }
        }
        if (columns.power < 0) {
            const QString message = QStringLiteral("no power column named %1 in the header").arg(quoteInput(wanted));
            if (!m_sawData) {
                m_failed = true;
                reportFailure(lineNumber, message);
                return true;
            }
            reportIssue(lineNumber, message + QStringLiteral("; rows up to the next header are left out"));
            startColumns(columns);
            return true;
        }
    }
    if (columns.power < 0) {
        const QString message = QStringLiteral("no power column: the header names no power.draw, power.draw.average or "
                                               "power.draw.instant (add power.draw to --query-gpu)");
        if (!m_sawData) {
            m_failed = true;
            reportFailure(lineNumber, message);
            return true;
        }
        reportIssue(lineNumber, message + QStringLiteral("; rows up to the next header are left out"));
    }
    startColumns(columns);
    return true;
}

bool NvidiaSmiCsvParser::inferColumns(QByteArrayView line, qint64 lineNumber)
{
    // `--format=csv,noheader`: the timestamp shows by its shape and the power by its " W" unit.
    // Without units (nounits) nothing tells the power apart, so the log cannot be read.
    splitFields(line, m_fields);
    Columns columns;
    columns.count = int(m_fields.size());
    columns.inferred = true;
    int wattFields = 0;
    for (int i = 0; i < columns.count; ++i) {
        const QByteArrayView field = m_fields[size_t(i)];
        if (columns.timestamp < 0 && parseDateTime(field))
            columns.timestamp = i;
        else if (field.endsWith(" W") && parseWatts(field)) {
            columns.power = i;
            ++wattFields;
        }
    }
    if (wattFields != 1) {
        m_failed = true;
        reportFailure(lineNumber, wattFields == 0
                                      ? QStringLiteral("no power column: the log has no header line and no value in W "
                                                       "(write it with --format=csv, without noheader)")
                                      : QStringLiteral("no header line, and several values are in W, so which is the "
                                                       "power draw is unknown (write the log with --format=csv, "
                                                       "without noheader)"));
        return false;
    }
    columns.powerKey = QByteArrayLiteral("power");
    reportIssue(lineNumber, QStringLiteral("no header line: field %1 is read as the power draw (the only value in W)%2; "
                                           "GPUs are told apart by their position in a poll")
                                .arg(columns.power + 1)
                                .arg(columns.timestamp >= 0 ? QStringLiteral(" and field %1 as the timestamp").arg(columns.timestamp + 1)
                                                            : QString()));
    startColumns(columns);
    return true;
}

void NvidiaSmiCsvParser::startColumns(const Columns &columns)
{
    const bool same = m_haveColumns && columns.count == m_columns.count && columns.timestamp == m_columns.timestamp
                      && columns.power == m_columns.power && columns.index == m_columns.index
                      && columns.busId == m_columns.busId && columns.uuid == m_columns.uuid;
    if (m_haveColumns)
        m_polls.finishPoll();
    GpuPollAssembler::Identity identity = GpuPollAssembler::Identity::Position;
    if (columns.index >= 0 || columns.busId >= 0 || columns.uuid >= 0)
        identity = GpuPollAssembler::Identity::Column;
    else if (columns.timestamp < 0)
        identity = GpuPollAssembler::Identity::Single;
    m_polls.reset(identity, same);
    m_columns = columns;
    m_lastFieldSize = -1;
    m_haveColumns = true;

    if (columns.power >= 0) {
        sink()->metadata(QStringLiteral("power_column"), text(columns.powerKey));
        sink()->metadata(QStringLiteral("clock"),
                         columns.timestamp >= 0 ? QStringLiteral("local time of the logging machine; nvidia-smi writes no time zone")
                                                : QStringLiteral("none: the query has no timestamp column"));
        QString how;
        switch (identity) {
        case GpuPollAssembler::Identity::Column:
            how = columns.index >= 0 ? QStringLiteral("index column") : columns.busId >= 0 ? QStringLiteral("pci.bus_id column") : QStringLiteral("uuid column");
            break;
        case GpuPollAssembler::Identity::Position:
            how = QStringLiteral("row position within a poll (no index column)");
            break;
        case GpuPollAssembler::Identity::Single:
            how = QStringLiteral("none: no index and no timestamp column, so every row is one reading of one GPU");
            break;
        }
        sink()->metadata(QStringLiteral("gpu_identity"), how);
    }
}

int NvidiaSmiCsvParser::indexOrdinal(QByteArrayView identity)
{
    const std::optional<double> index = parseNumber(identity);
    if (!index || *index < 0 || *index >= GpuPollAssembler::kMaxGpus || *index != double(int(*index)))
        return -1;
    return int(*index);
}

int NvidiaSmiCsvParser::gpuOrdinal(QByteArrayView identity, qint64 lineNumber)
{
    if (m_columns.index >= 0) {
        const int index = indexOrdinal(identity);
        if (index < 0)
            reportIssue(lineNumber, QStringLiteral("GPU index %1 is not a GPU number; row left out").arg(quoteInput(identity)));
        return index;
    }
    for (qsizetype i = 0; i < m_identities.size(); ++i) {
        if (m_identities[i] == identity)
            return int(i);
    }
    if (m_identities.size() >= GpuPollAssembler::kMaxGpus) {
        reportIssue(lineNumber, QStringLiteral("more than %1 GPUs; row left out").arg(GpuPollAssembler::kMaxGpus));
        return -1;
    }
    m_identities.append(identity.toByteArray());
    return int(m_identities.size() - 1);
}

void NvidiaSmiCsvParser::noteMissing(qint64 lineNumber, QByteArrayView value)
{
    if (m_missingPower++ == 0) {
        m_firstMissingLine = lineNumber;
        m_firstMissingText = value.toByteArray();
    }
}

void NvidiaSmiCsvParser::parseRow(QByteArrayView line, qint64 lineNumber)
{
    splitFields(line, m_fields);
    if (int(m_fields.size()) != m_columns.count) {
        reportIssue(lineNumber, m_fields.size() == 1 ? strayLineIssue(line) : fieldCountIssue(int(m_fields.size()), m_columns.count));
        return;
    }
    m_sawData = true;
    keepLastField(m_fields.back());
    double clockS = std::numeric_limits<double>::quiet_NaN();
    if (m_columns.timestamp >= 0) {
        const QByteArrayView stamp = m_fields[size_t(m_columns.timestamp)];
        const std::optional<double> clock = readClock(stamp);
        if (!clock) {
            reportIssue(lineNumber, QStringLiteral("timestamp %1 is not YYYY/MM/DD HH:MM:SS.mmm; row left out").arg(quoteInput(stamp)));
            return;
        }
        clockS = *clock;
    }
    int gpu = 0;
    if (m_polls.identity() == GpuPollAssembler::Identity::Column) {
        const int identityColumn = m_columns.index >= 0 ? m_columns.index : m_columns.busId >= 0 ? m_columns.busId : m_columns.uuid;
        gpu = gpuOrdinal(m_fields[size_t(identityColumn)], lineNumber);
        if (gpu < 0)
            return;
        if (m_columns.name >= 0 && !m_writer.knowsGpu(size_t(gpu)))
            sink()->metadata(QStringLiteral("gpu%1_name").arg(gpu), text(m_fields[size_t(m_columns.name)]));
    } else if (m_columns.name >= 0 && m_writer.gpuCount() == 0) {
        sink()->metadata(QStringLiteral("gpu_name"), text(m_fields[size_t(m_columns.name)]));
    }

    float watts = kMissing;
    const QByteArrayView value = m_fields[size_t(m_columns.power)];
    if (isMissingText(value)) {
        noteMissing(lineNumber, value);
    } else if (const std::optional<double> number = parseWatts(value); !number) {
        reportIssue(lineNumber, QStringLiteral("%1 value %2 is not a number; left out").arg(inputExcerpt(text(m_columns.powerKey)), quoteInput(value)));
    } else if (const QString problem = (*number >= 0 && *number <= kMaxPlausiblePowerW) ? QString() : implausiblePowerReason(*number);
               !problem.isEmpty()) {
        reportIssue(lineNumber, QStringLiteral("%1: %2; left out").arg(text(m_columns.powerKey), problem));
    } else {
        watts = float(*number);
    }
    m_polls.addRow(clockS, gpu, watts, lineNumber);
}

std::optional<double> NvidiaSmiCsvParser::readClock(QByteArrayView stamp)
{
    // Rows of one poll, and polls of one second, share "YYYY/MM/DD HH:MM:SS": only the
    // milliseconds after it change, so the date is worked out once per second, not per row.
    constexpr qsizetype kWhole = 19;
    if (stamp.size() > kWhole + 1 && stamp[kWhole] == '.' && m_stampPrefixClockS >= 0
        && std::memcmp(stamp.data(), m_stampPrefix, size_t(kWhole)) == 0) {
        // The same sums as digit by digit with `scale /= 10`, without a division per digit.
        static const auto kScales = [] {
            std::array<double, 24> scales{};
            double scale = 0.1;
            for (double &each : scales) {
                each = scale;
                scale /= 10;
            }
            return scales;
        }();
        double fraction = 0, scale = 0.1;
        for (qsizetype i = kWhole + 1; i < stamp.size(); ++i) {
            const char c = stamp[i];
            if (c < '0' || c > '9')
                return std::nullopt;
            fraction += (c - '0') * scale;
            const qsizetype next = i - kWhole;
            scale = next < qsizetype(kScales.size()) ? kScales[size_t(next)] : scale / 10;
        }
        return m_stampPrefixClockS + fraction;
    }
    const std::optional<WallTime> wall = parseDateTime(stamp);
    if (!wall)
        return std::nullopt;
    if (stamp.size() > kWhole && stamp[kWhole] == '.') {
        if (const std::optional<WallTime> whole = parseDateTime(stamp.first(kWhole)); whole && !whole->offsetS) {
            std::memcpy(m_stampPrefix, stamp.data(), size_t(kWhole));
            m_stampPrefixClockS = whole->naiveS;
        }
    }
    return wall->axisS();
}

qsizetype NvidiaSmiCsvParser::splitPoint(QByteArrayView bytes, qsizetype from) const
{
    if (from <= 0 || from >= bytes.size())
        return -1;
    std::vector<QByteArrayView> fields;
    splitFields(firstLine(bytes.first(std::min(bytes.size(), qsizetype(64 * 1024)))), fields);
    if (!isNvidiaHeaderLine(fields))
        return -1;
    int timestamp = -1;
    for (size_t i = 0; i < fields.size(); ++i) {
        if (headerKey(fields[i]) == "timestamp")
            timestamp = int(i);
    }
    const auto stampOf = [&fields, timestamp](QByteArrayView line) {
        splitFields(line.trimmed(), fields);
        return timestamp < qsizetype(fields.size()) ? fields[size_t(timestamp)] : QByteArrayView();
    };
    // From the line start at or after `from`, look for the first row whose whole second differs
    // from the row before it: there the single reader's timestamp cache misses too.
    qsizetype start = bytes.indexOf('\n', from - 1);
    if (start < 0)
        return -1;
    ++start;
    QByteArrayView previous = bytes.sliced(0, start - 1);
    previous = previous.sliced(previous.lastIndexOf('\n') + 1);
    constexpr qsizetype kSearchBytes = 4 * 1024 * 1024;
    constexpr qsizetype kWhole = 19;
    QByteArray previousStamp = stampOf(previous).toByteArray();
    for (qsizetype looked = 0; start < bytes.size() && looked < kSearchBytes;) {
        const qsizetype end = bytes.indexOf('\n', start);
        if (end < 0)
            return -1;
        const QByteArrayView line = bytes.sliced(start, end - start);
        if (timestamp < 0)
            return start;
        const QByteArrayView stamp = stampOf(line);
        if (stamp.size() >= kWhole && previousStamp.size() >= kWhole && std::memcmp(stamp.data(), previousStamp.constData(), size_t(kWhole)) != 0)
            return start;
        previousStamp = stamp.toByteArray();
        looked += end + 1 - start;
        start = end + 1;
    }
    return -1;
}

namespace {

// A step between polls beyond this is a clock jump (a clock set, a daylight-saving change, the
// machine asleep, a row stamped 1970), not a poll interval.
double jumpBeyondS(double usualStepS)
{
    constexpr double kUsualSteps = 10;
    return std::max(GpuPollAssembler::kClockJumpS, kUsualSteps * usualStepS);
}

QString clockText(double clockS)
{
    return WallTime{clockS, std::nullopt}.toDateTime().toString(QStringLiteral("yyyy/MM/dd HH:mm:ss.zzz"));
}

} // namespace

void NvidiaSmiCsvParser::poll(double clockS, std::span<const float> wattsByGpu, qint64 line)
{
    const bool timed = !std::isnan(clockS);
    if (!m_timingSet) {
        m_timingSet = true;
        sink()->setTiming(timed ? TimingKind::Points : TimingKind::None);
        if (timed)
            sink()->setClockAtZero(WallTime{clockS, std::nullopt}.toDateTime());
    }
    if (!timed) {
        writePoll(clockS, wattsByGpu, line);
        return;
    }
    // A poll whose clock jumps is held until the next one tells whether the series goes on
    // from there (the clock was set) or from the polls before (one odd timestamp).
    if (m_heldPoll) {
        HeldPoll held = std::move(*m_heldPoll);
        m_heldPoll.reset();
        const double stepS = clockS - m_lastPollClockS;
        if (stepS > 0 && stepS <= jumpBeyondS(m_usualPollStepS)) {
            reportIssue(held.line, QStringLiteral("the clock of this poll reads %1, out of step with the polls before and after "
                                                  "it; the poll is placed between them")
                                       .arg(clockText(held.clockS)));
            const double beforeS = m_lastPollClockS;
            writePoll(beforeS + stepS / 2, held.watts, held.line);
            m_lastPollClockS = beforeS;
        } else {
            writeJump(held);
        }
    }
    const double stepS = clockS - m_lastPollClockS;
    if (m_usualPollStepS > 0 && std::abs(stepS) > jumpBeyondS(m_usualPollStepS)) {
        m_heldPoll = HeldPoll{clockS, std::vector<float>(wattsByGpu.begin(), wattsByGpu.end()), line};
        return;
    }
    if (stepS > 0)
        m_usualPollStepS = stepS;
    writePoll(clockS, wattsByGpu, line);
}

void NvidiaSmiCsvParser::writeJump(const HeldPoll &held)
{
    if (const double stepS = held.clockS - m_lastPollClockS; stepS > 0) {
        reportIssue(held.line, QStringLiteral("the clock jumps forward %1 s here (a clock set forward, a daylight-saving change or "
                                              "the machine asleep?); the time before it is a gap, not a reading")
                                   .arg(stepS, 0, 'f', 3));
    }
    writePoll(held.clockS, held.watts, held.line);
}

void NvidiaSmiCsvParser::writePoll(double clockS, std::span<const float> wattsByGpu, qint64 line)
{
    m_lastPollClockS = clockS;
    if (const double backS = m_writer.write(*sink(), wattsByGpu, clockS, line); backS > 0)
        reportIssue(line, GpuSampleWriter::clockWentBack(backS, QStringLiteral("poll")));
}

void NvidiaSmiCsvParser::pollIssue(qint64 line, const QString &message)
{
    reportIssue(line, message);
}

void NvidiaSmiCsvParser::endOfInput()
{
    if (m_failed)
        return;
    if (m_haveColumns)
        m_polls.finish();
    if (m_heldPoll) {
        writeJump(*m_heldPoll);
        m_heldPoll.reset();
    }
    if (m_missingPower > 0) {
        reportIssue(m_firstMissingLine, QStringLiteral("%1 is missing (%2) in %3 row(s), the first here; those "
                                                       "readings are left out, not counted as 0 W")
                                            .arg(inputExcerpt(text(m_columns.powerKey)), quoteInput(m_firstMissingText))
                                            .arg(m_missingPower));
    }
    if (m_haveColumns && !m_sawData && m_columns.power >= 0)
        reportIssue(0, QStringLiteral("the log has a header but no data rows"));
    sink()->metadata(QStringLiteral("gpu_count"), QString::number(m_writer.gpuCount()));
}

} // namespace nightwatt
