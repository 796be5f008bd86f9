#include "formats/nvidiasmiqueryparser.h"
#include "io/messagetext.h"

#include "formats/gpupollassembler.h"
#include "formats/nvidiasmicsvfields.h"
#include "formats/powervalue.h"
#include "formats/wallclock.h"

#include <algorithm>
#include <cmath>

namespace nightwatt {

namespace {

using nvidiasmicsv::text;

constexpr QByteArrayView kBanner = "=NVSMI LOG=";
constexpr QByteArrayView kPowerKeyNames[] = {"Power Draw", "Average Power Draw", "Instantaneous Power Draw"};

int powerKeyIndex(QByteArrayView key)
{
    for (int k = 0; k < int(std::size(kPowerKeyNames)); ++k) {
        if (key == kPowerKeyNames[k])
            return k;
    }
    return -1;
}

bool isMissingValue(QByteArrayView value)
{
    return nvidiasmicsv::isMissingText(value) || value == "Unknown";
}

// "GPU 00000000:01:00.0" heads a GPU's section; "GPU Power Readings" and "GPU Reset Status" are
// sub-sections, told apart by the bus id's colon.
std::optional<QByteArrayView> gpuHeaderBusId(QByteArrayView content)
{
    if (!content.startsWith("GPU "))
        return std::nullopt;
    const QByteArrayView busId = content.sliced(4).trimmed();
    if (busId.isEmpty() || !busId.contains(':') || busId.contains(' '))
        return std::nullopt;
    return busId;
}

struct KeyValue
{
    QByteArrayView key;
    QByteArrayView value;
};

// "Power Draw                        : 72.62 W": keys are padded to a column, then " : ".
// Values may hold colons themselves (times, bus ids), so the first " : " splits.
std::optional<KeyValue> splitKeyValue(QByteArrayView content)
{
    const qsizetype colon = content.indexOf(" : ");
    if (colon >= 0)
        return KeyValue{content.first(colon).trimmed(), content.sliced(colon + 3).trimmed()};
    if (content.endsWith(" :"))
        return KeyValue{content.chopped(2).trimmed(), {}};
    return std::nullopt;
}

} // namespace

int NvidiaSmiQueryParser::sniff(QByteArrayView head)
{
    if (head.contains(kBanner))
        return 95;
    // Pasted without its banner line: the report's own layout, not the words alone (a note that
    // describes the report names them too): "Attached GPUs" padded to its colon at the start of
    // a line, and a GPU section headed by its bus id.
    bool attachedGpus = false;
    bool gpuSection = false;
    qsizetype start = 0;
    while (start < head.size() && !(attachedGpus && gpuSection)) {
        qsizetype end = head.indexOf('\n', start);
        if (end < 0)
            end = head.size();
        const QByteArrayView line = head.sliced(start, end - start);
        if (line.startsWith("Attached GPUs ")) {
            const QByteArrayView rest = line.sliced(14).trimmed();
            attachedGpus = rest.startsWith(": ") && rest.size() > 2 && rest[2] >= '0' && rest[2] <= '9';
        } else if (line.startsWith("GPU 0000")) {
            gpuSection = bool(gpuHeaderBusId(line.trimmed()));
        }
        start = end + 1;
    }
    return attachedGpus && gpuSection ? 85 : 0;
}

void NvidiaSmiQueryParser::parseLine(QByteArrayView line, qint64 lineNumber)
{
    qsizetype indent = 0;
    while (indent < line.size() && (line[indent] == ' ' || line[indent] == '\t'))
        ++indent;
    const QByteArrayView content = line.sliced(indent).trimmed();
    if (content.isEmpty())
        return;
    // A line cut short and then appended to (a log copied while written, then `>>`) still
    // carries the banner that starts the next report.
    if (content.contains(kBanner)) {
        startReport(lineNumber);
        return;
    }
    const std::optional<KeyValue> pair = splitKeyValue(content);
    if (!pair) {
        if (const std::optional<QByteArrayView> busId = gpuHeaderBusId(content)) {
            closeSectionsFrom(indent);
            startGpu(*busId, indent, lineNumber);
        } else {
            openSection(indent, content);
        }
        return;
    }
    closeSectionsFrom(indent);
    if (m_sections.empty()) {
        readTopLevelKey(pair->key, pair->value, lineNumber);
        return;
    }
    switch (m_sections.back().section) {
    case Section::GpuPower:
        if (const int key = powerKeyIndex(pair->key); key >= 0)
            readPowerKey(key, pair->value, lineNumber);
        break;
    case Section::Gpu:
        if (pair->key == "Product Name" && !m_gpus.empty() && !m_writer.knowsGpu(size_t(m_gpus.back().ordinal)))
            sink()->metadata(QStringLiteral("gpu%1_name").arg(m_gpus.back().ordinal), text(pair->value));
        break;
    case Section::Other:
        break;
    }
}

// Only a power figure with its unit (or an N/A) can be trusted at the end of a cut log:
// "72.6" may be what is left of "72.62 W", and a header or name may be cut anywhere.
void NvidiaSmiQueryParser::parseUnterminatedLine(QByteArrayView line, qint64 lineNumber)
{
    const std::optional<KeyValue> pair = splitKeyValue(line.trimmed());
    if (pair && powerKeyIndex(pair->key) >= 0 && (pair->value.endsWith(" W") || isMissingValue(pair->value)))
        parseLine(line, lineNumber);
}

void NvidiaSmiQueryParser::startReport(qint64 lineNumber)
{
    endReport(false);
    m_reportOpen = true;
    m_reportWritten = false;
    m_reportLine = lineNumber;
    m_clockS.reset();
    m_badClock = false;
    m_attachedGpus = 0;
    m_gpus.clear();
    m_sections.clear();
}

void NvidiaSmiQueryParser::openSection(qsizetype indent, QByteArrayView name)
{
    closeSectionsFrom(indent);
    Section section = Section::Other;
    if (!m_sections.empty() && m_sections.back().section == Section::Gpu && (name == "Power Readings" || name == "GPU Power Readings"))
        section = Section::GpuPower;
    m_sections.push_back({indent, section});
}

void NvidiaSmiQueryParser::closeSectionsFrom(qsizetype indent)
{
    bool powerClosed = false;
    while (!m_sections.empty() && m_sections.back().indent >= indent) {
        if (m_sections.back().section == Section::GpuPower && !m_gpus.empty()) {
            m_gpus.back().powerClosed = true;
            powerClosed = true;
        }
        m_sections.pop_back();
    }
    // Live (`-q -l N`): the report is written once every attached GPU's readings are over, not
    // when the next report starts N seconds later.
    if (powerClosed && !m_reportWritten && m_attachedGpus > 0 && m_gpus.size() == size_t(m_attachedGpus)
        && std::all_of(m_gpus.cbegin(), m_gpus.cend(), [](const GpuReading &gpu) { return gpu.powerClosed; })) {
        m_reportWritten = true;
        writeReport();
    }
}

void NvidiaSmiQueryParser::readTopLevelKey(QByteArrayView key, QByteArrayView value, qint64 lineNumber)
{
    const bool timestamp = key == "Timestamp";
    // Reports pasted without their banner: a second time line starts the next one.
    if (!m_reportOpen || (timestamp && (m_clockS || m_badClock || !m_gpus.empty())))
        startReport(lineNumber);
    if (timestamp) {
        m_clockS = parseCtime(value);
        if (!m_clockS) {
            m_badClock = true;
            reportIssue(lineNumber, QStringLiteral("Timestamp \"%1\" is not a date like \"Wed Jun 21 16:53:57 2023\"; the report is left out")
                                        .arg(text(value)));
        }
    } else if (key == "Driver Version" && !m_driverNoted) {
        m_driverNoted = true;
        sink()->metadata(QStringLiteral("driver_version"), text(value));
    } else if (key == "CUDA Version" && !m_cudaNoted) {
        m_cudaNoted = true;
        sink()->metadata(QStringLiteral("cuda_version"), text(value));
    } else if (key == "Attached GPUs") {
        const std::optional<double> count = parseNumber(value);
        m_attachedGpus = count && *count >= 1 && *count <= GpuPollAssembler::kMaxGpus ? int(*count) : 0;
    }
}

void NvidiaSmiQueryParser::startGpu(QByteArrayView busId, qsizetype indent, qint64 lineNumber)
{
    // A GPU shown twice is the next report, pasted without banner and time line.
    const bool again = std::any_of(m_gpus.cbegin(), m_gpus.cend(), [busId](const GpuReading &gpu) { return gpu.busId == busId; });
    if (!m_reportOpen || again)
        startReport(lineNumber);
    if (m_reportWritten) {
        reportIssue(lineNumber, QStringLiteral("GPU %1 is one more than the %2 attached GPUs the report announced; left out")
                                    .arg(text(busId))
                                    .arg(m_attachedGpus));
        m_sections.push_back({indent, Section::Other});
        return;
    }
    const int ordinal = gpuOrdinal(busId, lineNumber);
    if (ordinal < 0) {
        m_sections.push_back({indent, Section::Other});
        return;
    }
    GpuReading gpu;
    gpu.busId = busId.toByteArray();
    gpu.ordinal = ordinal;
    gpu.line = lineNumber;
    gpu.watts.fill(kMissing);
    m_gpus.push_back(std::move(gpu));
    m_sections.push_back({indent, Section::Gpu});
}

int NvidiaSmiQueryParser::gpuOrdinal(QByteArrayView busId, qint64 lineNumber)
{
    const qsizetype known = m_busIds.indexOf(busId.toByteArray());
    if (known >= 0)
        return int(known);
    if (m_busIds.size() >= GpuPollAssembler::kMaxGpus) {
        reportIssue(lineNumber, QStringLiteral("more than %1 GPUs; GPU %2 left out").arg(GpuPollAssembler::kMaxGpus).arg(quoteInput(busId)));
        return -1;
    }
    m_busIds.append(busId.toByteArray());
    const int ordinal = int(m_busIds.size() - 1);
    sink()->metadata(QStringLiteral("gpu%1_bus_id").arg(ordinal), text(busId));
    return ordinal;
}

void NvidiaSmiQueryParser::readPowerKey(int key, QByteArrayView value, qint64 lineNumber)
{
    if (m_gpus.empty())
        return;
    GpuReading &gpu = m_gpus.back();
    gpu.sawPowerKey = true;
    if (isMissingValue(value)) {
        if (gpu.missingLine == 0) {
            gpu.missingLine = lineNumber;
            gpu.missingText = value.isEmpty() ? QByteArray("(empty)") : value.toByteArray();
        }
        return;
    }
    // nvidia-smi always prints the unit: a figure without it is what is left of a line cut short.
    double watts = 0;
    QString problem;
    if (!value.endsWith(" W") || !parseNumber(value.chopped(2).trimmed(), watts))
        problem = QStringLiteral("\"%1\" is not a figure in W").arg(text(value));
    else if (watts < 0)
        problem = QStringLiteral("a negative power draw");
    else
        problem = implausiblePowerReason(watts);
    if (!problem.isEmpty()) {
        gpu.refused = true;
        reportIssue(lineNumber, QStringLiteral("GPU %1 %2 %3; left out").arg(gpu.ordinal).arg(text(kPowerKeyNames[key]), problem));
        return;
    }
    gpu.watts[size_t(key)] = float(watts);
}

bool NvidiaSmiQueryParser::reportComplete() const
{
    if (m_gpus.empty() || !m_gpus.back().sawPowerKey)
        return false;
    const size_t expected = m_reportsWritten > 0 ? m_gpusInLastReport : size_t(m_attachedGpus);
    if (m_gpus.size() >= expected)
        return true;
    // `nvidia-smi -q -i 0` shows fewer GPUs than are attached: a first report whose last GPU
    // went on past its power readings is whole.
    return m_reportsWritten == 0 && m_gpus.back().powerClosed;
}

void NvidiaSmiQueryParser::endReport(bool atEndOfInput)
{
    if (!m_reportOpen)
        return;
    m_reportOpen = false;
    // A report followed by another one is over: its open sections end here. At the end of the
    // input they stay open, as the log may have been cut inside them.
    if (!atEndOfInput)
        closeSectionsFrom(0);
    if (m_reportWritten || m_gpus.empty())
        return;
    const bool anyPower = std::any_of(m_gpus.cbegin(), m_gpus.cend(), [](const GpuReading &gpu) { return gpu.sawPowerKey; });
    if (reportComplete() || (!anyPower && m_reportsWritten == 0)) {
        writeReport();
        return;
    }
    const GpuReading &last = m_gpus.back();
    const size_t expected = m_reportsWritten > 0 ? m_gpusInLastReport : size_t(m_attachedGpus);
    if (!last.sawPowerKey)
        reportIssue(m_reportLine, QStringLiteral("report cut off before the power readings of GPU %1 (line %2); left out")
                                      .arg(text(last.busId))
                                      .arg(last.line));
    else
        reportIssue(m_reportLine, QStringLiteral("report cut off after %1 of its %2 GPUs; left out").arg(m_gpus.size()).arg(expected));
}

bool NvidiaSmiQueryParser::writeReport()
{
    if (std::none_of(m_gpus.cbegin(), m_gpus.cend(), [](const GpuReading &gpu) { return gpu.sawPowerKey; })) {
        if (m_reportsWithoutPower++ == 0)
            m_firstReportWithoutPower = m_reportLine;
        return false;
    }
    if (m_badClock)
        return false; // said where the time line is
    const bool hasClock = m_clockS.has_value();
    if (!m_timingSet) {
        m_timingSet = true;
        m_timed = hasClock;
        sink()->setTiming(m_timed ? TimingKind::Points : TimingKind::None);
        if (m_timed) {
            sink()->setClockAtZero(WallTime{*m_clockS, std::nullopt}.toDateTime());
            sink()->metadata(QStringLiteral("clock"), QStringLiteral("local time of the machine; nvidia-smi prints no time zone"));
        }
    } else if (m_timed != hasClock) {
        reportIssue(m_reportLine, m_timed ? QStringLiteral("report without a Timestamp line; left out")
                                          : QStringLiteral("Timestamp in a log whose first report had none; ignored"));
        if (m_timed)
            return false;
    }
    if (m_attachedGpus > 0 && m_gpus.size() < size_t(m_attachedGpus) && !m_notedSubset) {
        m_notedSubset = true;
        reportIssue(m_reportLine, QStringLiteral("the report shows %1 of the %2 attached GPUs (nvidia-smi -i, or a cut log); the "
                                                 "others are not in the trace")
                                      .arg(m_gpus.size())
                                      .arg(m_attachedGpus));
    }

    int slots = 0;
    for (const GpuReading &gpu : m_gpus)
        slots = std::max(slots, gpu.ordinal + 1);
    m_watts.assign(size_t(slots), kMissing);
    for (const GpuReading &gpu : m_gpus) {
        const auto best = std::find_if(gpu.watts.cbegin(), gpu.watts.cend(), [](float w) { return !std::isnan(w); });
        if (best != gpu.watts.cend()) {
            m_watts[size_t(gpu.ordinal)] = *best;
            if (!m_powerKeyNoted) {
                m_powerKeyNoted = true;
                sink()->metadata(QStringLiteral("power_reading"), text(kPowerKeyNames[best - gpu.watts.cbegin()]));
            }
        } else if (!gpu.refused && m_missing++ == 0) {
            m_firstMissingLine = gpu.missingLine > 0 ? gpu.missingLine : gpu.line;
            m_firstMissingText = gpu.missingLine > 0 ? gpu.missingText : QByteArray("no Power Draw line");
        }
    }
    const double clockS = m_timed ? *m_clockS : std::nan("");
    if (const double backS = m_writer.write(*sink(), m_watts, clockS, m_reportLine); backS > 0)
        reportIssue(m_reportLine, GpuSampleWriter::clockWentBack(backS, QStringLiteral("report")));
    ++m_reportsWritten;
    m_gpusInLastReport = m_gpus.size();
    return true;
}

void NvidiaSmiQueryParser::endOfInput()
{
    endReport(true);
    if (m_missing > 0) {
        reportIssue(m_firstMissingLine, QStringLiteral("a GPU's power draw is missing (\"%1\") in %2 reading(s), the first here; those "
                                                       "readings are left out, not counted as 0 W")
                                            .arg(text(m_firstMissingText))
                                            .arg(m_missing));
    }
    if (m_reportsWithoutPower > 0) {
        reportIssue(m_firstReportWithoutPower, QStringLiteral("%1 report(s) without power readings, the first here (was the log "
                                                              "written with -d but without POWER?); left out")
                                                   .arg(m_reportsWithoutPower));
    }
    sink()->metadata(QStringLiteral("gpu_count"), QString::number(m_writer.gpuCount()));
}

} // namespace nightwatt
