#include "formats/amdgpucsvparser.h"
#include "io/messagetext.h"

#include "formats/rfc4180.h"
#include "formats/wallclock.h"

#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace nightwatt {

namespace {

const AmdGpuCsvParser::Dialect kRocmSmi{
    "rocm-smi",
    "device",
    {QStringLiteral("Current Socket Graphics Package Power (W)"), QStringLiteral("Average Graphics Package Power (W)"),
     QStringLiteral("Socket Graphics Package Power (W)")}};

const AmdGpuCsvParser::Dialect kAmdSmi{
    "amd-smi",
    "gpu",
    {QStringLiteral("socket_power"), QStringLiteral("current_socket_power"), QStringLiteral("average_socket_power")}};

QByteArrayView firstLine(QByteArrayView head)
{
    if (head.startsWith("\xEF\xBB\xBF"))
        head = head.sliced(3);
    while (true) {
        const qsizetype end = head.indexOf('\n');
        const QByteArrayView line = (end < 0 ? head : head.first(end)).trimmed();
        // amd-smi may warn first ("WARNING: User is missing the following required groups").
        if ((!line.isEmpty() && !line.startsWith("WARNING")) || end < 0)
            return line;
        head = head.sliced(end + 1);
    }
}

} // namespace

AmdGpuCsvParser::AmdGpuCsvParser(const Dialect &dialect)
    : m_dialect(dialect)
{
}

bool AmdGpuCsvParser::startsWithHeader(QByteArrayView head, const Dialect &dialect)
{
    const rfc4180::Record header = rfc4180::splitRecord(firstLine(head));
    bool gpu = false;
    bool power = false;
    for (const QByteArray &field : header.fields) {
        const QString name = QString::fromUtf8(field.trimmed());
        gpu = gpu || name.compare(QLatin1StringView(dialect.gpuColumn), Qt::CaseInsensitive) == 0;
        for (const QString &candidate : dialect.powerColumns)
            power = power || name.compare(candidate, Qt::CaseInsensitive) == 0;
    }
    return gpu && power;
}

bool AmdGpuCsvParser::readHeader(const QList<QByteArray> &fields)
{
    int gpu = -1;
    int power = -1;
    int powerRank = 1000;
    int time = -1;
    for (int i = 0; i < fields.size(); ++i) {
        const QString name = QString::fromUtf8(fields[i].trimmed());
        if (name.compare(QLatin1StringView(m_dialect.gpuColumn), Qt::CaseInsensitive) == 0)
            gpu = i;
        if (name.compare(QLatin1String("timestamp"), Qt::CaseInsensitive) == 0)
            time = i;
        for (int rank = 0; rank < m_dialect.powerColumns.size(); ++rank) {
            if (rank < powerRank && name.compare(m_dialect.powerColumns[rank], Qt::CaseInsensitive) == 0) {
                power = i;
                powerRank = rank;
                m_powerName = name;
            }
        }
    }
    if (gpu < 0 || power < 0)
        return false;
    m_gpuColumn = gpu;
    m_powerColumn = power;
    m_timeColumn = time;
    return true;
}

void AmdGpuCsvParser::parseLine(QByteArrayView line, qint64 lineNumber)
{
    if (m_failed)
        return;
    const QByteArrayView trimmed = line.trimmed();
    if (trimmed.isEmpty())
        return;
    const rfc4180::Record record = rfc4180::splitRecord(trimmed);
    if (startsWithHeader(trimmed, m_dialect)) {
        // Every poll prints its header again: a new poll begins.
        m_polls.flush(*sink());
        if (!readHeader(record.fields))
            return;
        m_headerLine = lineNumber;
        return;
    }
    if (m_powerColumn < 0) {
        if (m_headerLine == 0 && trimmed.contains(',') && !trimmed.startsWith("WARNING")) {
            m_failed = true;
            reportFailure(lineNumber, QStringLiteral("%1 CSV without a power column (%2): run it with --showpower/--power")
                                          .arg(QLatin1StringView(m_dialect.tool), m_dialect.powerColumns.join(QStringLiteral(", "))));
        }
        return;
    }
    const int needed = std::max({m_gpuColumn, m_powerColumn, m_timeColumn}) + 1;
    if (record.fields.size() < needed || record.unbalancedQuote) {
        reportIssue(lineNumber, QStringLiteral("row has %1 fields, the header %2; left out").arg(record.fields.size()).arg(needed));
        return;
    }
    static const QRegularExpression cardName(QStringLiteral("^(?:card)?(\\d{1,4})$"));
    const auto gpuMatch = cardName.match(QString::fromUtf8(record.fields[m_gpuColumn].trimmed()));
    if (!gpuMatch.hasMatch()) {
        reportIssue(lineNumber, QStringLiteral("GPU %1 is not a GPU number; row left out").arg(quoteInput(record.fields[m_gpuColumn])));
        return;
    }
    const int gpu = gpuMatch.captured(1).toInt();
    double clockS = std::nan("");
    if (m_timeColumn >= 0) {
        const QByteArray stamp = record.fields[m_timeColumn].trimmed();
        bool ok = false;
        clockS = stamp.toDouble(&ok);
        if (!ok) {
            const std::optional<WallTime> time = parseDateTime(stamp);
            clockS = time ? time->axisS() : std::nan("");
        }
    }
    if (!m_started) {
        m_started = true;
        m_polls.setIntervalMs(options().intervalMs);
        m_stamped = startPollTiming(*sink(), clockS, options().intervalMs, QString::fromLatin1(m_dialect.tool));
    }
    const GpuFigure figure = readGpuFigure(QByteArrayView(record.fields[m_powerColumn]), 1.0);
    if (!figure.problem.isEmpty())
        reportIssue(lineNumber, QStringLiteral("GPU %1 %2: %3; left out").arg(gpu).arg(m_powerName, figure.problem));
    m_polls.add(*sink(), gpu, figure.watts, m_stamped ? clockS : std::nan(""), lineNumber);
}

void AmdGpuCsvParser::parseUnterminatedLine(QByteArrayView line, qint64 lineNumber)
{
    // The tools end every row with a newline: one without may be cut inside its power figure.
    if (m_powerColumn >= 0 && !startsWithHeader(line, m_dialect) && !line.trimmed().isEmpty()) {
        reportIssue(lineNumber, QStringLiteral("last line is cut off (no newline at end of file); ignored"));
        return;
    }
    parseLine(line, lineNumber);
}

void AmdGpuCsvParser::endOfInput()
{
    if (!m_failed)
        m_polls.flush(*sink());
}

RocmSmiCsvParser::RocmSmiCsvParser()
    : AmdGpuCsvParser(kRocmSmi)
{
}

int RocmSmiCsvParser::sniff(QByteArrayView head)
{
    return startsWithHeader(head, kRocmSmi) ? 85 : 0;
}

AmdSmiCsvParser::AmdSmiCsvParser()
    : AmdGpuCsvParser(kAmdSmi)
{
}

int AmdSmiCsvParser::sniff(QByteArrayView head)
{
    return startsWithHeader(head, kAmdSmi) ? 85 : 0;
}

} // namespace nightwatt
