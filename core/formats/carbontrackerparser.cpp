#include "formats/carbontrackerparser.h"

#include "formats/powervalue.h"
#include "io/messagetext.h"

#include <QRegularExpression>

#include <algorithm>

namespace nightwatt {

namespace {

constexpr double kJoulesPerKWh = 3.6e6;
constexpr qsizetype kStampLength = 19; // "2022-11-14 15:43:37"

bool hasLogStamp(QByteArrayView line)
{
    return line.size() >= kStampLength + 3 && line[4] == '-' && line[7] == '-' && line[10] == ' ' && line[13] == ':'
        && line[16] == ':' && line.sliced(kStampLength, 3) == " - ";
}

QString stripTracker(QString message)
{
    message = message.trimmed();
    if (message.startsWith(QLatin1StringView("CarbonTracker:")))
        message = message.mid(14).trimmed();
    return message;
}

} // namespace

int CarbonTrackerParser::sniff(QByteArrayView head)
{
    if (head.contains("CarbonTracker:") || head.contains("carbontracker version"))
        return 85;
    if ((head.contains("Actual consumption for") && head.contains("epoch(s)")) || head.contains("Average power usage (W) for"))
        return 80;
    return 0;
}

std::optional<double> CarbonTrackerParser::parseDuration(QStringView text)
{
    static const QRegularExpression pattern(
        QStringLiteral("^(?:(\\d+) days?, )?(\\d+):(\\d\\d):(\\d\\d(?:\\.\\d+)?)$"));
    const QRegularExpressionMatch match = pattern.match(text.trimmed().toString());
    if (!match.hasMatch())
        return std::nullopt;
    const double days = match.capturedView(1).isEmpty() ? 0 : match.capturedView(1).toDouble();
    return days * 86400 + match.capturedView(2).toDouble() * 3600 + match.capturedView(3).toDouble() * 60
         + match.capturedView(4).toDouble();
}

void CarbonTrackerParser::parseLine(QByteArrayView line, qint64 lineNumber)
{
    QString message;
    if (hasLogStamp(line)) {
        m_lineClock = QDateTime::fromString(QString::fromLatin1(line.first(kStampLength)), QStringLiteral("yyyy-MM-dd HH:mm:ss"));
        flushActual();
        message = stripTracker(QString::fromUtf8(line.sliced(kStampLength + 3)));
        if (message.isEmpty())
            return;
        handleMessage(message, lineNumber);
        return;
    }
    message = QString::fromUtf8(line.data(), line.size()).trimmed();
    if (message.isEmpty() || message.startsWith(QLatin1StringView("CarbonTracker:"))) {
        flushActual();
        message = stripTracker(message);
        if (message.isEmpty())
            return;
    }
    handleMessage(message, lineNumber);
}

void CarbonTrackerParser::handleMessage(const QString &message, qint64 lineNumber)
{
    if (message.startsWith(QLatin1StringView("Actual consumption for")) || message.startsWith(QLatin1StringView("Predicted consumption for"))) {
        flushActual();
        flushEpoch();
        const bool actual = message.startsWith(QLatin1StringView("Actual"));
        m_block = actual ? Block::Actual : Block::Predicted;
        m_blockLine = lineNumber;
        m_blockClock = m_lineClock;
        if (!actual)
            ++m_predictions;
        return;
    }
    if (message.startsWith(QLatin1StringView("Finished monitoring"))) {
        flushActual();
        flushEpoch();
        return;
    }
    if (m_block != Block::None) {
        const qsizetype colon = message.indexOf(u':');
        const QString key = message.left(colon).trimmed();
        const QString value = message.mid(colon + 1).trimmed();
        if (m_block == Block::Actual && colon > 0) {
            if (key == u"Time") {
                m_blockTimeS = parseDuration(value);
                if (!m_blockTimeS)
                    reportIssue(lineNumber, QStringLiteral("time %1 is not H:MM:SS").arg(quoteInput(value)));
            } else if (key == u"Energy") {
                const QString number = value.endsWith(QLatin1StringView("kWh")) ? value.chopped(3).trimmed() : QString();
                bool ok = false;
                const double kwh = number.toDouble(&ok);
                if (ok && kwh >= 0)
                    m_blockEnergyKWh = kwh;
                else
                    reportIssue(lineNumber, QStringLiteral("energy %1 is not a number of kWh").arg(quoteInput(value)));
            }
        }
        return;
    }

    // Log file lines, one message each.
    static const QRegularExpression epoch(QStringLiteral("^Epoch (\\d+):$"));
    static const QRegularExpression power(QStringLiteral("^Average power usage \\(W\\) for (\\w+): (.*)$"));
    static const QRegularExpression pue(QStringLiteral("PUE coefficient of ([0-9]+(?:\\.[0-9]+)?)"));
    if (epoch.match(message).hasMatch()) {
        flushEpoch();
        m_epochOpen = true;
        m_epochLine = lineNumber;
        m_epochClock = m_lineClock;
        return;
    }
    if (message.startsWith(QLatin1StringView("Duration:"))) {
        if (m_epochOpen) {
            m_epochDurationS = parseDuration(message.mid(9));
            if (!m_epochDurationS)
                reportIssue(lineNumber, QStringLiteral("duration %1 is not H:MM:SS").arg(quoteInput(QStringView(message).mid(9))));
        }
        return;
    }
    if (const QRegularExpressionMatch match = power.match(message); match.hasMatch()) {
        handlePower(match.captured(1), match.captured(2), lineNumber);
        return;
    }
    if (const QRegularExpressionMatch match = pue.match(message); match.hasMatch()) {
        bool ok = false;
        const double value = match.captured(1).toDouble(&ok);
        if (ok && value >= 1.0)
            m_pue = value;
    }
    if (message.startsWith(QLatin1StringView("carbontracker version")))
        sink()->metadata(QStringLiteral("carbontracker_version"), message.mid(21).trimmed());
    flushEpoch();
}

void CarbonTrackerParser::handlePower(const QString &component, const QString &value, qint64 lineNumber)
{
    if (!m_epochOpen)
        return;
    // "[None]", "[61.2]", "[61.2, 58.9]" (one average per device: their sum is the component's)
    QString list = value.trimmed();
    if (list.startsWith(u'[') && list.endsWith(u']'))
        list = list.mid(1, list.size() - 2);
    double sum = 0;
    bool any = false;
    for (const QString &item : list.split(u',', Qt::SkipEmptyParts)) {
        const QString token = item.trimmed();
        if (token == u"None" || token.compare(QLatin1StringView("nan"), Qt::CaseInsensitive) == 0)
            continue;
        bool ok = false;
        const double watts = token.toDouble(&ok);
        if (!ok) {
            reportIssue(lineNumber, QStringLiteral("%1 power %2 is not a number").arg(inputExcerpt(component), quoteInput(token)));
            continue;
        }
        sum += watts;
        any = true;
    }
    if (!any) {
        m_noneLines.append(QStringLiteral("\"Average power usage (W) for %1: %2\"").arg(component, value.trimmed()));
        return;
    }
    if (const QString problem = implausiblePowerReason(sum); !problem.isEmpty()) {
        reportIssue(lineNumber, QStringLiteral("%1: %2; left out").arg(component, problem));
        return;
    }
    const QString id = component.toLower();
    const int channel = sink()->channel({id, id.toUpper(), ChannelRole::Component});
    if (size_t(channel) >= m_epochValues.size())
        m_epochValues.resize(size_t(channel) + 1, kMissing);
    m_epochValues[size_t(channel)] = float(sum);
    m_epochAnyValue = true;
}

bool CarbonTrackerParser::claim(Kind kind)
{
    if (m_kind == Kind::Unknown) {
        m_kind = kind;
        sink()->setTiming(TimingKind::Windowed);
    }
    if (m_kind == kind)
        return true;
    ++m_ignored;
    return false;
}

void CarbonTrackerParser::flushActual()
{
    const Block block = std::exchange(m_block, Block::None);
    const auto timeS = std::exchange(m_blockTimeS, std::nullopt);
    const auto energyKWh = std::exchange(m_blockEnergyKWh, std::nullopt);
    if (block != Block::Actual)
        return;
    if (!timeS || !energyKWh || !(*timeS > 0)) {
        reportIssue(m_blockLine, QStringLiteral("\"Actual consumption\" block without a time and an energy; left out"));
        return;
    }
    if (!claim(Kind::ActualBlocks))
        return;
    double joules = *energyKWh * kJoulesPerKWh;
    if (m_pue) {
        joules /= *m_pue;
    } else if (!m_pueIssueReported) {
        m_pueIssueReported = true;
        reportIssue(m_blockLine, QStringLiteral("carbontracker multiplies \"Actual consumption\" energy by its PUE "
                                                "(1.58 or 1.59 unless set); this log does not state it, so the "
                                                "figures include it"));
    }
    const double watts = joules / *timeS;
    if (const QString problem = implausiblePowerReason(watts); !problem.isEmpty()) {
        reportIssue(m_blockLine, problem + QStringLiteral("; left out"));
        return;
    }
    if (m_actualChannel < 0)
        m_actualChannel = sink()->channel({QStringLiteral("total"), QStringLiteral("Total (carbontracker)"), ChannelRole::Component});
    std::vector<float> values(size_t(m_actualChannel) + 1, kMissing);
    values[size_t(m_actualChannel)] = float(watts);
    const RunTimeline::Placement placement = m_timeline.place(sink(), m_blockClock, *timeS);
    if (placement.overlapS > 1.0)
        reportIssue(m_blockLine, QStringLiteral("block overlaps the one before by %1 s; placed after it").arg(placement.overlapS, 0, 'f', 0));
    sink()->sample(placement.startS, float(*timeS), values, m_blockLine);
    ++m_samples;
}

void CarbonTrackerParser::flushEpoch()
{
    if (!std::exchange(m_epochOpen, false))
        return;
    const auto durationS = std::exchange(m_epochDurationS, std::nullopt);
    const bool any = std::exchange(m_epochAnyValue, false);
    std::vector<float> values = std::exchange(m_epochValues, {});
    if (!any)
        return; // "[None]" everywhere: remembered for the refusal
    if (!durationS || !(*durationS > 0)) {
        reportIssue(m_epochLine, QStringLiteral("epoch without a Duration line; left out"));
        return;
    }
    if (!claim(Kind::Epochs))
        return;
    const RunTimeline::Placement placement = m_timeline.place(sink(), m_epochClock, *durationS);
    sink()->sample(placement.startS, float(*durationS), values, m_epochLine);
    ++m_samples;
}

void CarbonTrackerParser::endOfInput()
{
    flushActual();
    flushEpoch();
    if (m_predictions > 0)
        sink()->metadata(QStringLiteral("predictions_skipped"), QString::number(m_predictions));
    if (m_ignored > 0)
        sink()->metadata(QStringLiteral("figures_not_used"),
                         QStringLiteral("%1 figures of the other kind (per-epoch powers vs. Actual consumption blocks) were not used, "
                                        "to count no energy twice").arg(m_ignored));
    if (m_kind == Kind::ActualBlocks && m_pue)
        sink()->metadata(QStringLiteral("pue_removed"), QString::number(*m_pue));
    if (m_samples > 0)
        return;
    if (!m_noneLines.isEmpty()) {
        reportFailure(0, QStringLiteral("carbontracker measured no power: the log says %1, and it has no \"Actual consumption\" block")
                   .arg(m_noneLines.mid(0, 2).join(QStringLiteral(" and "))));
    } else if (m_predictions > 0) {
        reportFailure(0, QStringLiteral("only \"Predicted consumption\" blocks: forecasts, not measurements"));
    } else {
        reportFailure(0, QStringLiteral("no \"Actual consumption\" block and no \"Average power usage\" line"));
    }
}

} // namespace nightwatt
