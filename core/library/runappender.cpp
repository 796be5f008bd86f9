#include "library/runappender.h"

#include "formats/tracebuilder.h"
#include "library/appenderworker.h"
#include "library/runlibrary.h"

#include <QMutexLocker>

namespace nightwatt {

RunAppender::RunAppender(QObject *parent)
    : QObject(parent)
    , m_pending(std::make_shared<PendingSamples>())
{
    m_thread.setObjectName(QStringLiteral("nightwatt-run-appender"));
}

RunAppender::~RunAppender()
{
    if (!m_worker)
        return;
    if (!m_stopped)
        stop(runStatusName(RunStatus::Interrupted));
    // The connection belongs to the worker thread, so the worker is deleted there.
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

bool RunAppender::prepare(const CaptureSettings &settings)
{
    if (m_worker) {
        m_error = QStringLiteral("this capture has already started");
        return false;
    }
    {
        QMutexLocker locker(&m_pending->mutex);
        m_pending->channels = settings.channels;
        m_pending->values.resize(size_t(settings.channels.size()));
    }
    m_worker = new AppenderWorker(m_pending);
    m_worker->moveToThread(&m_thread);
    connect(m_worker, &AppenderWorker::committed, this, &RunAppender::committed);
    connect(m_worker, &AppenderWorker::stopped, this, &RunAppender::finished);
    connect(m_worker, &AppenderWorker::failed, this, &RunAppender::failed);
    connect(m_worker, &AppenderWorker::startDone, this, [this](qint64 runId, const QString &error) {
        if (runId > 0) {
            m_runId = runId;
            Q_EMIT started(runId);
        } else {
            m_error = error;
            m_stopped = true;
            Q_EMIT failed(error);
        }
    });
    m_thread.start();
    return true;
}

std::optional<qint64> RunAppender::start(const QString &libraryPath, const CaptureSettings &settings, const LibraryOptions &options)
{
    if (!prepare(settings))
        return std::nullopt;
    std::optional<qint64> id;
    QString error;
    QMetaObject::invokeMethod(
        m_worker, [&] { id = m_worker->start(libraryPath, settings, options, &error); }, Qt::BlockingQueuedConnection);
    if (!id) {
        m_error = error;
        m_stopped = true;
        return std::nullopt;
    }
    m_runId = *id;
    return id;
}

void RunAppender::startAsync(const QString &libraryPath, const CaptureSettings &settings, const LibraryOptions &options)
{
    if (!prepare(settings)) {
        Q_EMIT failed(m_error);
        return;
    }
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, libraryPath, settings, options] {
        QString error;
        const auto id = worker->start(libraryPath, settings, options, &error);
        Q_EMIT worker->startDone(id.value_or(0), error);
    }, Qt::QueuedConnection);
}

void RunAppender::stop(const QString &status)
{
    if (!m_worker || m_stopped)
        return;
    m_stopped = true;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, status] { worker->stop(status); }, Qt::QueuedConnection);
}

void RunAppender::finish()
{
    stop(runStatusName(RunStatus::Complete));
}

void RunAppender::markInterrupted()
{
    stop(runStatusName(RunStatus::Interrupted));
}

void RunAppender::append(double timeS, float windowS, std::span<const float> values)
{
    QMutexLocker locker(&m_pending->mutex);
    m_pending->times.push_back(timeS);
    m_pending->windows.push_back(windowS);
    for (size_t c = 0; c < m_pending->values.size(); ++c)
        m_pending->values[c].push_back(c < values.size() ? values[c] : kMissing);
}

void RunAppender::sample(double timeS, float windowS, std::span<const float> values, qint64 line)
{
    Q_UNUSED(line);
    append(timeS, windowS, values);
}

void RunAppender::setFormatId(const QString &formatId)
{
    QMutexLocker locker(&m_pending->mutex);
    m_pending->formatId = formatId;
}

void RunAppender::setTiming(TimingKind timing)
{
    QMutexLocker locker(&m_pending->mutex);
    m_pending->timing = timing;
}

void RunAppender::setClockAtZero(const QDateTime &clock)
{
    QMutexLocker locker(&m_pending->mutex);
    m_pending->clockAtZero = clock;
}

int RunAppender::channel(const ChannelInfo &info)
{
    QMutexLocker locker(&m_pending->mutex);
    for (qsizetype i = 0; i < m_pending->channels.size(); ++i) {
        if (m_pending->channels[i].id == info.id)
            return int(i);
    }
    m_pending->channels.append(info);
    m_pending->values.emplace_back(m_pending->times.size(), kMissing);
    return int(m_pending->channels.size() - 1);
}

void RunAppender::issue(const ParseIssue &issue)
{
    QMutexLocker locker(&m_pending->mutex);
    // Only the first kMaxKeptIssues are kept, as for a file; the count stays exact.
    if (++m_pending->issueCount <= TraceBuilder::kMaxKeptIssues)
        m_pending->issues.append(issue);
}

void RunAppender::metadata(const QString &key, const QString &value)
{
    QMutexLocker locker(&m_pending->mutex);
    m_pending->metadata.append({key, value});
}

void RunAppender::marker(const Marker &marker)
{
    QMutexLocker locker(&m_pending->mutex);
    m_pending->markers.append(marker);
}

} // namespace nightwatt
