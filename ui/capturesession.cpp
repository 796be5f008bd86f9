#include "capturesession.h"

#include "live/capturefilerecorder.h"
#include "live/libraryrecorder.h"
#include "live/livesource.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace nightwatt {

CaptureSession::CaptureSession(const LiveSourceSpec &spec, const QString &outputPath, const QString &libraryPath, QObject *parent)
    : QObject(parent)
    , m_outputPath(outputPath)
    , m_statsTimer(new QTimer(this))
{
    m_thread.setObjectName(QStringLiteral("nightwatt-capture"));
    LiveSourceChoice choice = createLiveSourceToStart(spec);
    if (!choice.ok()) {
        m_error = choice.error.isEmpty() ? choice.failure : choice.error;
        return;
    }
    m_source = std::move(choice.source);
    m_description = m_source->description();
    m_title = tr("Live: %1").arg(spec.program.isEmpty() ? spec.source : QFileInfo(spec.program.first()).fileName());
    if (!outputPath.isEmpty()) {
        m_fileRecorder = std::make_unique<CaptureFileRecorder>(outputPath);
        m_source->addRecorder(m_fileRecorder.get());
    }
    m_libraryRecorder = std::make_unique<LibraryRecorder>(libraryPath);
    m_libraryRecorder->setSourceDescription(spec.describeForLibrary());
    m_source->addRecorder(m_libraryRecorder.get());

    // Queued: the source and the recorder signal from the capture thread.
    connect(m_source.get(), &LiveSource::statusChanged, this, &CaptureSession::onStatus, Qt::QueuedConnection);
    m_mirror.follow(m_source->trace());
    connect(&m_mirror, &LiveTraceMirror::grew, this, [this] {
        m_statsWanted = true;
        Q_EMIT grew();
    });
    connect(m_source.get(), &LiveSource::markerIssue, this, [this](const QString &path, const ParseIssue &issue) {
        Q_EMIT markerIssues(path, {issue});
    }, Qt::QueuedConnection);
    connect(m_source.get(), &LiveSource::formatRecognised, this, [this](const QString &id) { m_formatId = id; }, Qt::QueuedConnection);
    connect(m_libraryRecorder.get(), &LibraryRecorder::started, this, [this](qint64 runId) {
        m_runId = runId;
        Q_EMIT libraryStarted(runId);
    }, Qt::QueuedConnection);
    connect(m_libraryRecorder.get(), &LibraryRecorder::finished, this, &CaptureSession::maybeEnd, Qt::QueuedConnection);
    connect(m_libraryRecorder.get(), &LibraryRecorder::unavailable, this, [this](const QString &message) {
        m_libraryProblem = message;
        Q_EMIT libraryProblem(message);
        maybeEnd();
    }, Qt::QueuedConnection);
    connect(m_libraryRecorder.get(), &LibraryRecorder::warning, this, [this](const QString &message) {
        Q_EMIT libraryProblem(message);
    }, Qt::QueuedConnection);

    m_statsTimer->setInterval(kStatsIntervalMs);
    connect(m_statsTimer, &QTimer::timeout, this, &CaptureSession::requestStats);
}

CaptureSession::~CaptureSession()
{
    if (m_source && m_thread.isRunning()) {
        QMetaObject::invokeMethod(m_source.get(), &LiveSource::stop, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    // The pool's statistics job reads the source's trace: let it finish first.
    for (auto *watcher : findChildren<QFutureWatcher<TraceStats> *>())
        watcher->waitForFinished();
    // The capture thread has ended: its objects can go from here, source first (it calls the recorders).
    m_source.reset();
    m_libraryRecorder.reset();
    m_fileRecorder.reset();
}

bool CaptureSession::start()
{
    if (!m_source)
        return false;
    m_source->moveToThread(&m_thread);
    m_libraryRecorder->moveToThread(&m_thread);
    m_thread.start();
    m_elapsed.start();
    QMetaObject::invokeMethod(m_source.get(), &LiveSource::start, Qt::QueuedConnection);
    m_statsTimer->start();
    return true;
}

void CaptureSession::stop()
{
    if (m_source && m_thread.isRunning())
        QMetaObject::invokeMethod(m_source.get(), &LiveSource::stop, Qt::QueuedConnection);
}

void CaptureSession::stopAndWait(int timeoutMs)
{
    if (m_ended || !m_source)
        return;
    stop();
    QEventLoop loop;
    connect(this, &CaptureSession::ended, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    if (!m_ended)
        loop.exec();
}

bool CaptureSession::followMarkers(const QString &path)
{
    if (!m_source || !m_thread.isRunning() || m_status.hasEnded())
        return false;
    // The source follows it on the capture thread, from its next samples, as `capture --markers` does.
    LiveSource *source = m_source.get();
    QMetaObject::invokeMethod(source, [source, path] { source->followMarkers(path); }, Qt::QueuedConnection);
    return true;
}

qint64 CaptureSession::elapsedMs() const
{
    if (m_elapsedAtEnd >= 0)
        return m_elapsedAtEnd;
    return m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
}

void CaptureSession::onStatus(const LiveStatus &status)
{
    m_status = status;
    if (status.hasEnded()) {
        m_elapsedAtEnd = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
        m_mirror.copyRows(m_source->trace()->size());
        m_mirror.copyMarkers();
        m_statsTimer->stop();
        m_statsWanted = true;
        requestStats();
    }
    Q_EMIT statusChanged(status);
    maybeEnd();
}

void CaptureSession::requestStats()
{
    if (m_statsRunning || !m_statsWanted || !m_source)
        return;
    m_statsRunning = true;
    m_statsWanted = false;
    auto *watcher = new QFutureWatcher<TraceStats>(this);
    connect(watcher, &QFutureWatcher<TraceStats>::finished, this, [this, watcher] {
        const TraceStats stats = watcher->result();
        watcher->deleteLater();
        m_statsRunning = false;
        m_lastStats = stats;
        Q_EMIT statsReady(stats);
        if (m_status.hasEnded() && m_statsWanted)
            requestStats();
    });
    const LiveTrace *live = m_source->trace();
    watcher->setFuture(QtConcurrent::run([live] { return analyzeTrace(live->snapshot()); }));
}

void CaptureSession::maybeEnd()
{
    if (m_ended || !m_status.hasEnded())
        return;
    // The recorder ended the run on the capture thread before the status arrived here; a run that
    // was created is still being stored until finished() or unavailable() comes.
    if (m_libraryRecorder && m_libraryRecorder->isStoring())
        return;
    m_ended = true;
    m_thread.quit();
    Q_EMIT ended();
}

} // namespace nightwatt
