#include "formats/rocmsmijsonparser.h"
#include "io/messagetext.h"

#include "formats/gpusnapshot.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

namespace nightwatt {

namespace {

// The power keys rocm-smi has used, preferred in this order; "Max Graphics Package Power" is
// the cap and never read.
constexpr const char *kPowerKeys[] = {
    "Current Socket Graphics Package Power (W)",
    "Average Graphics Package Power (W)",
    "Socket Graphics Package Power (W)",
};

} // namespace

RocmSmiJsonParser::RocmSmiJsonParser()
    : m_stream([this](QByteArrayView document, qint64 line) { readSnapshot(document, line); })
{
}

int RocmSmiJsonParser::sniff(QByteArrayView head)
{
    if (head.startsWith("\xEF\xBB\xBF"))
        head = head.sliced(3);
    const qsizetype brace = head.indexOf('{');
    if (brace < 0 || !head.first(brace).trimmed().isEmpty())
        return 0;
    static const QRegularExpression card(QStringLiteral("^\\s*\\{\\s*\"card\\d+\"\\s*:\\s*\\{"));
    if (!card.match(QString::fromLatin1(head.sliced(brace).first(std::min<qsizetype>(head.size() - brace, 200)))).hasMatch())
        return 0;
    const bool smiKeys = head.contains("Graphics Package Power") || head.contains("\"GPU ID\"")
                       || head.contains("Temperature (Sensor");
    return smiKeys ? 90 : 0;
}

void RocmSmiJsonParser::feed(QByteArrayView bytes)
{
    if (!m_failed)
        m_stream.feed(bytes);
}

void RocmSmiJsonParser::finish()
{
    if (m_failed)
        return;
    if (const qint64 line = m_stream.unfinishedLine())
        reportIssue(line, QStringLiteral("the last snapshot is cut off (the log ends inside it); left out"));
}

void RocmSmiJsonParser::readSnapshot(QByteArrayView document, qint64 line)
{
    if (m_failed)
        return;
    QJsonParseError error;
    const QJsonDocument parsed = QJsonDocument::fromJson(document.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !parsed.isObject()) {
        reportIssue(line, QStringLiteral("snapshot is not a JSON object (%1 at byte %2 of it); left out")
                              .arg(error.errorString())
                              .arg(error.offset + 1));
        return;
    }
    const QJsonObject snapshot = parsed.object();
    m_watts.clear();
    bool anyCard = false;
    bool anyPowerKey = false;
    for (auto it = snapshot.begin(); it != snapshot.end(); ++it) {
        const std::optional<int> index = cardIndex(it.key());
        if (!index || !it.value().isObject())
            continue;
        anyCard = true;
        const QJsonObject card = it.value().toObject();
        for (const char *key : kPowerKeys) {
            const QJsonValue value = card.value(QLatin1StringView(key));
            if (value.isUndefined())
                continue;
            anyPowerKey = true;
            const GpuFigure figure = readGpuFigure(value, 1.0);
            if (figure.secondaryDie && !m_notedSecondaryDie) {
                m_notedSecondaryDie = true;
                sink()->metadata(QStringLiteral("secondary_die"),
                                 QStringLiteral("%1 reports no power of its own (\"N/A (Secondary die)\"): the first die of "
                                                "its package reports the whole package")
                                     .arg(it.key()));
            }
            if (!figure.problem.isEmpty())
                reportIssue(line, QStringLiteral("%1 %2: %3; left out").arg(inputExcerpt(it.key()), QLatin1StringView(key), figure.problem));
            if (m_watts.size() <= size_t(*index))
                m_watts.resize(size_t(*index) + 1, kMissing);
            m_watts[size_t(*index)] = float(figure.watts);
            break;
        }
    }
    if (!anyCard) {
        reportIssue(line, QStringLiteral("snapshot has no \"cardN\" entries; left out"));
        return;
    }
    if (!m_sawPower && !anyPowerKey) {
        m_failed = true;
        reportFailure(line, QStringLiteral("rocm-smi printed no power figure (no \"Graphics Package Power (W)\" key): run it "
                                           "with --showpower (-P) to log power"));
        return;
    }
    if (!m_sawPower) {
        m_sawPower = true;
        setSnapshotTiming(*sink(), options().intervalMs, QStringLiteral("rocm-smi"));
    }
    m_writer.write(*sink(), m_watts, snapshotClockS(options().intervalMs, m_snapshots++), line);
}

} // namespace nightwatt
