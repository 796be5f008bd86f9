#include "formats/logformat.h"

#include "formats/amdgpucsvparser.h"
#include "formats/amdsmijsonparser.h"
#include "formats/csvpowerparser.h"
#include "formats/nvidiasmicsvparser.h"
#include "formats/nvidiasmidmonparser.h"
#include "formats/nvidiasmiqueryparser.h"
#include "formats/nvidiasmitableparser.h"
#include "formats/nightwattcaptureparser.h"
#include "formats/powermetricstextparser.h"
#include "formats/carbontrackerparser.h"
#include "formats/codecarbonparser.h"
#include "formats/intelpowergadgetparser.h"
#include "formats/macmonparser.h"
#include "formats/mlperfrun.h"
#include "formats/perfstatparser.h"
#include "formats/powermetricsplistparser.h"
#include "formats/rocmsmijsonparser.h"
#include "formats/sensorsparser.h"
#include "formats/tegrastatsparser.h"
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
        {QStringLiteral("nvidia-smi-csv"), QStringLiteral("nvidia-smi --query-gpu CSV"),
         QStringLiteral("a header of nvidia-smi query keys (\"timestamp, power.draw [W], ...\"); without a header, "
                        "rows starting with a \"YYYY/MM/DD HH:MM:SS.mmm\" timestamp"),
         &NvidiaSmiCsvParser::sniff, &make<NvidiaSmiCsvParser>},
        {QStringLiteral("nvidia-smi-dmon"), QStringLiteral("nvidia-smi dmon"),
         QStringLiteral("a \"# gpu ...\" (or \"#Date Time gpu ...\") header line followed by a \"# Idx ...\" units line"),
         &NvidiaSmiDmonParser::sniff, &make<NvidiaSmiDmonParser>},
        {QStringLiteral("nvidia-smi-table"), QStringLiteral("nvidia-smi table"),
         QStringLiteral("a \"| NVIDIA-SMI ... Driver Version:\" banner or a \"Pwr:Usage/Cap\" column title"),
         &NvidiaSmiTableParser::sniff, &make<NvidiaSmiTableParser>},
        {QStringLiteral("mlperf"), QStringLiteral("MLPerf Training run (MLCommons MLLOG)"),
         QStringLiteral("\":::MLLOG {\" event lines. A result_N.txt beside power/result_N/, that folder, or one of its "
                        "node_K.txt / sw_K.txt files opens the whole run: a channel per node (wall power) and per "
                        "switch, summed into the total, with the run's phases from result_N.txt"),
         &MlperfParser::sniff, &make<MlperfParser>},
        {QStringLiteral("nvidia-smi-q"), QStringLiteral("nvidia-smi -q report"),
         QStringLiteral("a \"==============NVSMI LOG==============\" banner, or \"Attached GPUs :\" with \"GPU 00000000:01:00.0\" "
                        "sections"),
         &NvidiaSmiQueryParser::sniff, &make<NvidiaSmiQueryParser>},
        {QStringLiteral("tegrastats"), QStringLiteral("NVIDIA Jetson tegrastats"),
         QStringLiteral("lines \"[MM-DD-YYYY HH:MM:SS ]RAM …/…MB … CPU [...]\" with power rails \"NAME cur/avg\" (mW)"),
         &TegrastatsParser::sniff, &make<TegrastatsParser>},
        {QStringLiteral("rocm-smi-json"), QStringLiteral("AMD rocm-smi --json"),
         QStringLiteral("a JSON object of \"cardN\" objects with rocm-smi keys (\"Graphics Package Power (W)\", \"GPU ID\", "
                        "\"Temperature (Sensor …)\"); snapshots may be appended"),
         &RocmSmiJsonParser::sniff, &make<RocmSmiJsonParser>},
        {QStringLiteral("sensors"), QStringLiteral("Linux lm-sensors (sensors -u)"),
         QStringLiteral("a chip name line followed by indented raw figures (\"  power1_average: 29.000\"), or plain `sensors` "
                        "output with \"Adapter:\" lines; power from powerN_average/powerN_input (amdgpu PPT)"),
         &SensorsParser::sniff, &make<SensorsParser>},
        {QStringLiteral("rocm-smi-csv"), QStringLiteral("AMD rocm-smi --csv"),
         QStringLiteral("a CSV header \"device,…Graphics Package Power (W)\" with cardN rows; repeated per poll"),
         &RocmSmiCsvParser::sniff, &make<RocmSmiCsvParser>},
        {QStringLiteral("amd-smi-json"), QStringLiteral("AMD amd-smi metric --json"),
         QStringLiteral("a JSON list (or {\"gpu_data\": [...]}) of {\"gpu\": N, \"power\": {\"socket_power\": …}} entries"),
         &AmdSmiJsonParser::sniff, &make<AmdSmiJsonParser>},
        {QStringLiteral("amd-smi-csv"), QStringLiteral("AMD amd-smi metric --csv"),
         QStringLiteral("a CSV header with \"gpu\" and \"socket_power\" (or current_/average_socket_power) columns"),
         &AmdSmiCsvParser::sniff, &make<AmdSmiCsvParser>},
        // Low score on purpose: any specific format that also reads a CSV wins over this one.
        {QStringLiteral("csv"), QStringLiteral("CSV with a time column and power columns"),
         QStringLiteral("a header with a time column (timestamp, time, elapsed) and a power column (\"power\", "
                        "\"watts\", or W/mW/kW in the name); only when no other format claims the file"),
         &CsvPowerParser::sniff, &make<CsvPowerParser>},
        {QStringLiteral("nightwatt-capture"), QStringLiteral("Nightwatt capture log"),
         QStringLiteral("a first line \"nightwatt-capture<TAB>1\" (written by `nightwatt capture --source rapl -o FILE`)"),
         &NightwattCaptureParser::sniff, &make<NightwattCaptureParser>},
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
