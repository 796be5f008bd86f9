#include "formats/logformat.h"

#include "formats/nightwattcaptureparser.h"
#include "formats/powermetricstextparser.h"

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
