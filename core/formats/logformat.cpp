#include "formats/logformat.h"

#include "formats/powermetricstextparser.h"
#include "formats/carbontrackerparser.h"
#include "formats/codecarbonparser.h"
#include "formats/intelpowergadgetparser.h"
#include "formats/macmonparser.h"
#include "formats/perfstatparser.h"
#include "formats/powermetricsplistparser.h"
#include "formats/turbostatparser.h"

namespace nightwatt {

namespace {

template<typename Parser>
std::unique_ptr<LogParser> make()
{
    return std::make_unique<Parser>();
}

QList<LogFormat> buildFormats()
{
    return {
        {QStringLiteral("powermetrics-text"), QStringLiteral("macOS powermetrics (text)"),
         QStringLiteral("a \"*** Sampled system activity\" header, a \"Machine model:\" preamble, Intel "
                        "\"package power (CPUs+GT+SA)\" lines, or bare \"CPU Power: N mW\" lines"),
         &PowermetricsTextParser::sniff, &make<PowermetricsTextParser>},
        {QStringLiteral("powermetrics-plist"), QStringLiteral("macOS powermetrics (-f plist)"),
         QStringLiteral("an XML property list with powermetrics keys (elapsed_ns, processor, is_delta, kern_osversion)"),
         &PowermetricsPlistParser::sniff, &make<PowermetricsPlistParser>},
        {QStringLiteral("macmon-jsonl"), QStringLiteral("macmon pipe (JSON lines)"),
         QStringLiteral("JSON objects with \"cpu_power\", \"gpu_power\" and \"all_power\"/\"sys_power\" keys"),
         &MacmonParser::sniff, &make<MacmonParser>},
        {QStringLiteral("codecarbon-csv"), QStringLiteral("CodeCarbon emissions.csv"),
         QStringLiteral("a CSV header starting \"timestamp,\" with duration, emissions and energy_consumed columns"),
         &CodeCarbonParser::sniff, &make<CodeCarbonParser>},
        {QStringLiteral("carbontracker"), QStringLiteral("carbontracker output or log"),
         QStringLiteral("\"CarbonTracker:\" lines, \"Actual consumption for N epoch(s)\" blocks or "
                        "\"Average power usage (W) for\" log lines"),
         &CarbonTrackerParser::sniff, &make<CarbonTrackerParser>},
        {QStringLiteral("intel-power-gadget-csv"), QStringLiteral("Intel Power Gadget CSV"),
         QStringLiteral("a CSV header with \"Elapsed Time (sec)\" and \"Processor Power_0(Watt)\" columns"),
         &IntelPowerGadgetParser::sniff, &make<IntelPowerGadgetParser>},
        {QStringLiteral("turbostat"), QStringLiteral("Linux turbostat"),
         QStringLiteral("a header row with Avg_MHz, Busy% and Bzy_MHz plus PkgWatt or CorWatt"),
         &TurbostatParser::sniff, &make<TurbostatParser>},
        {QStringLiteral("perf-stat"), QStringLiteral("Linux perf stat (RAPL energy events)"),
         QStringLiteral("\"Joules power/energy-…\" lines, plain, -I intervals or -x CSV"),
         &PerfStatParser::sniff, &make<PerfStatParser>},
    };
}

} // namespace

const QList<LogFormat> &logFormats()
{
    static const QList<LogFormat> formats = buildFormats();
    return formats;
}

const LogFormat *logFormatById(const QString &id)
{
    for (const auto &format : logFormats()) {
        if (format.id == id)
            return &format;
    }
    return nullptr;
}

SniffResult sniffLogFormat(QByteArrayView head)
{
    SniffResult result;
    int best = 0;
    for (const auto &format : logFormats()) {
        result.tried.append(format.name);
        const int score = format.sniff(head);
        if (score > best) {
            best = score;
            result.format = &format;
        }
    }
    return result;
}

} // namespace nightwatt
