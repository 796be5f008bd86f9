// The two-thread reading of nvidia-smi CSV (LogLoader): what a tail reader notes of each row, and
// how the head applies those notes.
#include "formats/nvidiasmicsvparser.h"

#include "formats/nvidiasmicsvfields.h"
#include "formats/powervalue.h"
#include "formats/tracebuilder.h"
#include "io/messagetext.h"

#include <cstring>
#include <limits>

namespace nightwatt {

using namespace nvidiasmicsv;

void NvidiaSmiCsvParser::startAsTail(QByteArrayView before)
{
    LineLogParser::startAsTail(before);
    // Reading the header reports metadata; the tail's sink must stay untouched, so a scratch one.
    ParseSink *own = sink();
    TraceBuilder scratch;
    setSink(&scratch);
    const QByteArrayView header = firstLine(before).trimmed();
    const bool read = !header.isEmpty() && header.front() >= 'a' && header.front() <= 'z' && readHeader(header, 0);
    setSink(own);
    // GPUs told apart by bus id or uuid are numbered in order of appearance: that needs the head.
    if (!read || m_failed || m_columns.power < 0 || (m_columns.index < 0 && (m_columns.busId >= 0 || m_columns.uuid >= 0)))
        m_tailBroken = true;
    m_tailNameByGpu.assign(size_t(GpuPollAssembler::kMaxGpus) + 1, -1);
}

qint32 NvidiaSmiCsvParser::keepTailText(QByteArrayView text)
{
    m_tailTexts.emplace_back(text.data(), text.size());
    return qint32(m_tailTexts.size() - 1);
}

void NvidiaSmiCsvParser::noteTailRow(QByteArrayView line, qint64 lineNumber)
{
    if (line.front() >= 'a' && line.front() <= 'z') {
        splitFields(line, m_fields);
        if (isNvidiaHeaderLine(m_fields)) {
            m_tailBroken = true; // a new header changes the columns: the head reads on from here
            return;
        }
    }
    if (m_tailRows.empty() || m_tailRows.back().size() == kRowsPerBlock)
        m_tailRows.emplace_back().reserve(kRowsPerBlock);
    std::vector<TailRow> &rows = m_tailRows.back();
    TailRow row{lineNumber, std::numeric_limits<double>::quiet_NaN(), kMissing, -1, -1, 0, TailRow::Kind::Row, TailRow::Power::Read};

    splitFields(line, m_fields);
    if (int(m_fields.size()) != m_columns.count) {
        if (m_fields.size() == 1) {
            row.kind = TailRow::Kind::Stray;
            row.text = keepTailText(line);
        } else {
            row.kind = TailRow::Kind::FieldCount;
            row.text = qint32(std::min<size_t>(m_fields.size(), std::numeric_limits<qint32>::max()));
        }
        rows.push_back(row);
        return;
    }
    keepLastField(m_fields.back());
    if (m_columns.timestamp >= 0) {
        const QByteArrayView stamp = m_fields[size_t(m_columns.timestamp)];
        const bool first = m_tailClockStart == TailClock::NoneYet;
        const std::optional<double> clock = readClock(stamp);
        if (first) {
            m_tailClockStart = m_stampPrefixClockS >= 0 ? TailClock::SetCache : TailClock::Other;
            std::memcpy(m_tailFirstPrefix, m_stampPrefix, sizeof m_tailFirstPrefix);
        }
        if (!clock) {
            row.kind = TailRow::Kind::BadStamp;
            row.text = keepTailText(stamp);
            rows.push_back(row);
            return;
        }
        row.clockS = *clock;
    }
    size_t nameKey = 0;
    if (m_polls.identity() == GpuPollAssembler::Identity::Column) {
        const QByteArrayView identity = m_fields[size_t(m_columns.index)];
        const int gpu = indexOrdinal(identity);
        if (gpu < 0) {
            row.kind = TailRow::Kind::BadIndex;
            row.text = keepTailText(identity);
            rows.push_back(row);
            return;
        }
        row.gpu = qint16(gpu);
        nameKey = size_t(gpu) + 1;
    }
    if (m_columns.name >= 0) {
        const QByteArrayView name = m_fields[size_t(m_columns.name)];
        qint32 &last = m_tailNameByGpu[nameKey];
        if (last < 0 || m_tailTexts[size_t(last)] != name)
            last = keepTailText(name);
        row.name = last;
    }
    const QByteArrayView value = m_fields[size_t(m_columns.power)];
    if (isMissingText(value)) {
        row.power = TailRow::Power::Missing;
        // Only the first missing value is quoted, and only the tail's first can be the first.
        if (!std::exchange(m_tailKeptMissing, true))
            row.text = keepTailText(value);
    } else if (const std::optional<double> number = parseWatts(value); !number) {
        row.power = TailRow::Power::NotNumber;
        row.text = keepTailText(value);
    } else if (!(*number >= 0 && *number <= kMaxPlausiblePowerW)) {
        row.power = TailRow::Power::Implausible;
        m_tailNumbers.push_back(*number);
        row.text = qint32(m_tailNumbers.size() - 1);
    } else {
        row.watts = float(*number);
    }
    rows.push_back(row);
}

bool NvidiaSmiCsvParser::sameColumns(const Columns &a, const Columns &b)
{
    return a.count == b.count && a.timestamp == b.timestamp && a.power == b.power && a.index == b.index && a.busId == b.busId
           && a.uuid == b.uuid && a.name == b.name && a.powerKey == b.powerKey && a.inferred == b.inferred;
}

bool NvidiaSmiCsvParser::replayTail(LineLogParser &tail, qint64 lineOffset)
{
    auto *other = dynamic_cast<NvidiaSmiCsvParser *>(&tail);
    if (!other || other->m_tailBroken || m_failed || !m_haveColumns || !sameColumns(m_columns, other->m_columns)
        || m_polls.identity() != other->m_polls.identity())
        return false;
    // The tail's first timestamp was worked out without the head's cache; the single reader
    // would have used the cache for it only if it held the same whole second.
    if (m_stampPrefixClockS >= 0
        && (other->m_tailClockStart == TailClock::Other
            || (other->m_tailClockStart == TailClock::SetCache
                && std::memcmp(m_stampPrefix, other->m_tailFirstPrefix, sizeof m_stampPrefix) == 0)))
        return false;

    const auto kept = [other](qint32 index) { return index >= 0 ? QByteArrayView(other->m_tailTexts[size_t(index)]) : QByteArrayView(); };
    for (const std::vector<TailRow> &block : other->m_tailRows) {
        for (const TailRow &row : block) {
            const qint64 lineNumber = row.line + lineOffset;
            switch (row.kind) {
            case TailRow::Kind::FieldCount:
                reportIssue(lineNumber, fieldCountIssue(row.text, m_columns.count));
                continue;
            case TailRow::Kind::Stray:
                reportIssue(lineNumber, strayLineIssue(kept(row.text)));
                continue;
            case TailRow::Kind::BadStamp:
                m_sawData = true;
                reportIssue(lineNumber, QStringLiteral("timestamp %1 is not YYYY/MM/DD HH:MM:SS.mmm; row left out").arg(quoteInput(kept(row.text))));
                continue;
            case TailRow::Kind::BadIndex:
                m_sawData = true;
                reportIssue(lineNumber, QStringLiteral("GPU index %1 is not a GPU number; row left out").arg(quoteInput(kept(row.text))));
                continue;
            case TailRow::Kind::Row:
                break;
            }
            m_sawData = true;
            if (m_polls.identity() == GpuPollAssembler::Identity::Column) {
                if (m_columns.name >= 0 && !m_writer.knowsGpu(size_t(row.gpu)))
                    sink()->metadata(QStringLiteral("gpu%1_name").arg(row.gpu), text(kept(row.name)));
            } else if (m_columns.name >= 0 && m_writer.gpuCount() == 0) {
                sink()->metadata(QStringLiteral("gpu_name"), text(kept(row.name)));
            }
            switch (row.power) {
            case TailRow::Power::Read:
                break;
            case TailRow::Power::Missing:
                noteMissing(lineNumber, kept(row.text));
                break;
            case TailRow::Power::NotNumber:
                reportIssue(lineNumber, QStringLiteral("%1 value %2 is not a number; left out").arg(inputExcerpt(text(m_columns.powerKey)), quoteInput(kept(row.text))));
                break;
            case TailRow::Power::Implausible:
                reportIssue(lineNumber, QStringLiteral("%1: %2; left out")
                                            .arg(text(m_columns.powerKey), implausiblePowerReason(other->m_tailNumbers[size_t(row.text)])));
                break;
            }
            m_polls.addRow(row.clockS, row.gpu, row.watts, lineNumber);
        }
    }
    if (other->m_lastFieldSize >= 0) {
        std::memcpy(m_lastField, other->m_lastField, sizeof m_lastField);
        m_lastFieldSize = other->m_lastFieldSize;
    }
    if (other->m_stampPrefixClockS >= 0) {
        std::memcpy(m_stampPrefix, other->m_stampPrefix, sizeof m_stampPrefix);
        m_stampPrefixClockS = other->m_stampPrefixClockS;
    }
    other->m_tailRows = {};
    other->m_tailTexts = {};
    return true;
}

} // namespace nightwatt
