#include "formats/powermetricsplistparser.h"

#include "formats/powervalue.h"

#include <QVariant>
#include <QVariantList>
#include <QVariantMap>
#include <QXmlStreamReader>

#include <cmath>
#include <cstring>

namespace nightwatt {

namespace {

// Window starts more than this far apart from where the previous window ended are a pause.
constexpr double kGapS = 2.0;

// Top-level keys worth reading; tasks, interrupts, disk and network are skipped unparsed.
bool wanted(const QString &key)
{
    return key == u"processor" || key == u"gpu" || key == u"elapsed_ns" || key == u"timestamp" || key == u"hw_model"
        || key == u"kern_osversion";
}

QVariant readValue(QXmlStreamReader &xml);

QVariantMap readDict(QXmlStreamReader &xml, bool topLevel)
{
    QVariantMap dict;
    QString key;
    while (xml.readNextStartElement()) {
        if (xml.name() == u"key") {
            key = xml.readElementText();
        } else if (topLevel && !wanted(key)) {
            xml.skipCurrentElement();
        } else {
            dict.insert(key, readValue(xml));
        }
    }
    return dict;
}

QVariant readValue(QXmlStreamReader &xml)
{
    const auto name = xml.name();
    if (name == u"dict")
        return readDict(xml, false);
    if (name == u"array") {
        QVariantList list;
        while (xml.readNextStartElement())
            list.append(readValue(xml));
        return list;
    }
    if (name == u"true" || name == u"false") {
        const bool value = name == u"true";
        xml.skipCurrentElement();
        return value;
    }
    const QString text = xml.readElementText();
    if (name == u"integer" || name == u"real") {
        bool ok = false;
        const double value = text.trimmed().toDouble(&ok);
        return ok ? QVariant(value) : QVariant(text);
    }
    if (name == u"date")
        return QDateTime::fromString(text.trimmed(), Qt::ISODate);
    return text;
}

std::optional<double> number(const QVariantMap &dict, const QString &key)
{
    const auto it = dict.constFind(key);
    if (it == dict.constEnd() || it->typeId() != QMetaType::Double)
        return std::nullopt;
    return it->toDouble();
}

} // namespace

int PowermetricsPlistParser::sniff(QByteArrayView head)
{
    if (!head.contains("<plist"))
        return 0;
    for (const char *key : {"<key>elapsed_ns</key>", "<key>processor</key>", "<key>is_delta</key>",
                            "<key>kern_osversion</key>", "<key>all_tasks</key>"}) {
        if (head.contains(key))
            return 85;
    }
    return 0;
}

void PowermetricsPlistParser::feed(QByteArrayView bytes)
{
    while (!bytes.isEmpty()) {
        const void *nul = std::memchr(bytes.data(), '\0', size_t(bytes.size()));
        if (!nul) {
            m_pending.append(bytes.data(), bytes.size());
            return;
        }
        const qsizetype length = static_cast<const char *>(nul) - bytes.data();
        m_pending.append(bytes.data(), length);
        parseDocument(m_pending, m_pendingFirstLine);
        m_pendingFirstLine += m_pending.count('\n');
        m_pending.clear();
        bytes = bytes.sliced(length + 1);
    }
}

void PowermetricsPlistParser::finish()
{
    // Without a final NUL the last plist is complete only if it was closed.
    const QByteArrayView rest = QByteArrayView(m_pending).trimmed();
    if (!rest.isEmpty()) {
        if (rest.endsWith("</plist>"))
            parseDocument(m_pending, m_pendingFirstLine);
        else
            reportIssue(m_pendingFirstLine, QStringLiteral("last sample is cut off (the plist is not closed); left out"));
    }
    m_pending.clear();
}

void PowermetricsPlistParser::setValue(int channel, double watts, qint64 line, const QString &what)
{
    if (const QString problem = implausiblePowerReason(watts); !problem.isEmpty()) {
        reportIssue(line, QStringLiteral("%1: %2; left out").arg(what, problem));
        return;
    }
    if (size_t(channel) >= m_values.size())
        m_values.resize(size_t(channel) + 1, kMissing);
    m_values[size_t(channel)] = float(watts);
}

void PowermetricsPlistParser::parseDocument(QByteArrayView document, qint64 firstLine)
{
    if (document.trimmed().isEmpty())
        return;
    QXmlStreamReader xml(QByteArray::fromRawData(document.data(), document.size()));
    QVariantMap root;
    bool sawPlist = false;
    while (xml.readNextStartElement()) {
        if (xml.name() == u"plist") {
            sawPlist = true;
            continue; // descend into it
        }
        if (sawPlist && xml.name() == u"dict")
            root = readDict(xml, true);
        else
            xml.skipCurrentElement();
    }
    if (xml.hasError() && xml.error() != QXmlStreamReader::PrematureEndOfDocumentError) {
        reportIssue(firstLine + xml.lineNumber() - 1, QStringLiteral("not a valid plist (%1); sample left out").arg(xml.errorString()));
        return;
    }
    if (xml.hasError() || !sawPlist) {
        reportIssue(firstLine, QStringLiteral("sample is not a complete plist; left out"));
        return;
    }
    if (m_documents++ == 0) {
        if (const QString model = root.value(QStringLiteral("hw_model")).toString(); !model.isEmpty())
            sink()->metadata(QStringLiteral("machine_model"), model);
        if (const QString os = root.value(QStringLiteral("kern_osversion")).toString(); !os.isEmpty())
            sink()->metadata(QStringLiteral("os_version"), os);
        sink()->setTiming(TimingKind::Windowed);
    }

    const std::optional<double> elapsedNs = number(root, QStringLiteral("elapsed_ns"));
    if (!elapsedNs || !(*elapsedNs > 0)) {
        reportIssue(firstLine, QStringLiteral("sample without a valid elapsed_ns; left out"));
        return;
    }
    const double windowS = *elapsedNs / 1.0e9;
    const QVariantMap processor = root.value(QStringLiteral("processor")).toMap();
    const QVariantMap gpu = root.value(QStringLiteral("gpu")).toMap();
    std::fill(m_values.begin(), m_values.end(), kMissing);

    // Intel: the package figure is everything the processor reports (a reported total).
    std::optional<double> packageW = number(processor, QStringLiteral("package_watts"));
    if (!packageW) {
        if (const auto joules = number(processor, QStringLiteral("package_joules")))
            packageW = *joules / windowS;
    }
    if (packageW)
        setValue(sink()->channel({QStringLiteral("package"), QStringLiteral("Package (reported)"), ChannelRole::ReportedTotal}),
                 *packageW, firstLine, QStringLiteral("package"));

    // Apple silicon: power in mW, or energy in mJ over the window.
    struct AppleKey
    {
        const char *name;
        const char *label;
        ChannelRole role;
    };
    static const AppleKey kApple[] = {
        {"cpu", "CPU", ChannelRole::Component},
        {"gpu", "GPU", ChannelRole::Component},
        {"ane", "ANE", ChannelRole::Component},
        {"combined", "Combined (reported)", ChannelRole::ReportedTotal},
    };
    for (const auto &key : kApple) {
        const QString name = QString::fromLatin1(key.name);
        std::optional<double> milliwatts = number(processor, name + QStringLiteral("_power"));
        if (!milliwatts && name == u"gpu")
            milliwatts = number(gpu, QStringLiteral("gpu_power"));
        if (!milliwatts) {
            std::optional<double> millijoules = number(processor, name + QStringLiteral("_energy"));
            if (!millijoules && name == u"gpu")
                millijoules = number(gpu, QStringLiteral("gpu_energy"));
            if (millijoules)
                milliwatts = *millijoules / windowS;
        }
        if (milliwatts)
            setValue(sink()->channel({name, QString::fromLatin1(key.label), key.role}), *milliwatts / 1000.0, firstLine, name);
    }

    if (std::none_of(m_values.begin(), m_values.end(), [](float v) { return !isMissing(v); })) {
        reportIssue(firstLine, QStringLiteral("sample has no power figure (no processor package_watts, cpu_power or cpu_energy); left out"));
        return;
    }

    double startS = m_axisEndS;
    const QDateTime stamp = root.value(QStringLiteral("timestamp")).toDateTime();
    if (stamp.isValid()) {
        // The stamp has one-second resolution: it places the first window on the clock and shows
        // pauses (appended runs), but within a run the exact elapsed windows make the axis.
        const QDateTime windowStart = stamp.addMSecs(-qint64(std::llround(windowS * 1000.0)));
        if (!m_zero.isValid()) {
            m_zero = windowStart;
            sink()->setClockAtZero(windowStart);
        } else {
            const double sinceZeroS = double(m_zero.msecsTo(windowStart)) / 1000.0;
            if (sinceZeroS > m_axisEndS + kGapS)
                startS = sinceZeroS;
        }
    }
    m_axisEndS = startS + windowS;
    sink()->sample(startS, float(windowS), m_values, firstLine);
}

} // namespace nightwatt
