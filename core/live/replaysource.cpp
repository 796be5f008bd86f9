#include "live/replaysource.h"

#include "formats/logformat.h"

#include <QFile>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace nightwatt {

namespace {

// Records when and where each sample of a log is, nothing else.
class SampleTimes final : public ParseSink
{
public:
    struct Entry
    {
        double timeS;
        double windowS;
        qint64 line;
    };

    void setTiming(TimingKind timing) override { m_timing = timing; }
    void setClockAtZero(const QDateTime &) override {}
    // Distinct indices matter: parsers tell a new sample by a channel seen twice.
    int channel(const ChannelInfo &info) override
    {
        qsizetype index = m_ids.indexOf(info.id);
        if (index < 0) {
            index = m_ids.size();
            m_ids.append(info.id);
        }
        return int(index);
    }
    void sample(double timeS, float windowS, std::span<const float>, qint64 line) override
    {
        entries.push_back({timeS, double(windowS), line});
    }
    void issue(const ParseIssue &) override {}
    void metadata(const QString &, const QString &) override {}

    TimingKind timing() const { return m_timing; }
    std::vector<Entry> entries;

private:
    TimingKind m_timing = TimingKind::None;
    QStringList m_ids;
};

} // namespace

ReplaySource::ReplaySource(const QString &path, double speed, QObject *parent)
    : LiveSource(parent)
    , m_path(path)
    , m_speed(speed > 0 && std::isfinite(speed) ? speed : 1.0)
{
}

ReplaySource::~ReplaySource()
{
    halt();
}

QString ReplaySource::description() const
{
    return QStringLiteral("replaying %1 at %2×").arg(m_path).arg(m_speed);
}

void ReplaySource::open()
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(QStringLiteral("cannot read %1: %2").arg(m_path, file.errorString()));
        return;
    }
    m_bytes = file.readAll();
    if (m_bytes.isEmpty()) {
        fail(QStringLiteral("%1 is empty").arg(m_path));
        return;
    }
    if (!plan())
        return;
    m_next = 0;
    m_fed = 0;
    m_timer = new QTimer(this);
    connect(m_timer, &QTimer::timeout, this, &ReplaySource::tick);
    m_timer->start(kTickMs);
    m_clock.start();
    tick();
}

bool ReplaySource::plan()
{
    const QByteArrayView head = QByteArrayView(m_bytes).first(std::min(m_bytes.size(), kSniffBytes));
    const SniffResult sniffed = sniffLogFormat(head);
    if (!sniffed.format) {
        fail(QStringLiteral("%1 is not a power log Nightwatt knows (tried: %2)").arg(m_path, sniffed.tried.join(QStringLiteral(", "))));
        return false;
    }
    SampleTimes times;
    std::unique_ptr<LogParser> parser = sniffed.format->create();
    parser->setSink(&times);
    parser->feed(m_bytes);
    parser->finish();
    if (times.entries.empty()) {
        fail(QStringLiteral("%1 holds no power samples to replay").arg(m_path));
        return false;
    }

    std::vector<qsizetype> lineStarts{0};
    for (qsizetype i = 0; i < m_bytes.size(); ++i) {
        if (m_bytes[i] == '\n')
            lineStarts.push_back(i + 1);
    }
    auto lineStart = [&](qint64 line) {
        const size_t index = size_t(std::clamp<qint64>(line - 1, 0, qint64(lineStarts.size()) - 1));
        return lineStarts[index];
    };

    m_steps.clear();
    const auto &entries = times.entries;
    const double originS = entries.front().timeS;
    qint64 lastDue = 0;
    qsizetype lastEnd = 0;
    for (size_t i = 0; i < entries.size(); ++i) {
        // A sample is complete once every line before the next sample's first line is there.
        const qsizetype byteEnd = i + 1 < entries.size() ? lineStart(entries[i + 1].line) : m_bytes.size();
        double dueS = 0;
        if (times.timing() == TimingKind::None)
            dueS = double(i + 1) * m_untimedIntervalMs / 1000.0;
        else
            dueS = entries[i].timeS + entries[i].windowS - originS;
        lastDue = std::max(lastDue, qint64(std::llround(dueS * 1000.0 / m_speed)));
        lastEnd = std::max(lastEnd, byteEnd);
        m_steps.push_back({lastDue, lastEnd});
    }
    m_steps.back().byteEnd = m_bytes.size();
    return true;
}

void ReplaySource::tick()
{
    if (!status().isRunning())
        return;
    const qint64 now = m_clock.elapsed();
    qsizetype target = m_fed;
    while (m_next < m_steps.size() && m_steps[m_next].dueMs <= now)
        target = std::max(target, m_steps[m_next++].byteEnd);
    if (target > m_fed) {
        deliver(QByteArrayView(m_bytes).sliced(m_fed, target - m_fed));
        m_fed = target;
    }
    if (m_next == m_steps.size()) {
        halt();
        finishInput();
        setStatus({LiveStatus::State::Exited, 0, QStringLiteral("end of the recorded log")});
    }
}

void ReplaySource::halt()
{
    delete m_timer;
    m_timer = nullptr;
}

} // namespace nightwatt
