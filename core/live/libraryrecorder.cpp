#include "live/libraryrecorder.h"

#include "library/runappender.h"
#include "live/livesource.h"

#include <csignal>
#include <vector>

namespace nightwatt {

LibraryRecorder::LibraryRecorder(const QString &libraryPath, QObject *parent)
    : QObject(parent)
    , m_libraryPath(libraryPath)
{
}

LibraryRecorder::~LibraryRecorder() = default; // an unfinished appender stores its run as interrupted

bool LibraryRecorder::endsComplete(const LiveStatus &status)
{
    // Ctrl+C in a terminal reaches the sampler too, and SIGTERM is how samplers are asked to stop:
    // dying of either is how a sampler ends on request. Any other death cut the capture short.
    if (status.state == LiveStatus::State::Killed)
        return status.code == SIGINT || status.code == SIGTERM;
    return status.endedCleanly();
}

bool LibraryRecorder::begin(const LiveSource &source, QString *error)
{
    Q_UNUSED(error);
    m_source = &source;
    m_appender.reset();
    m_storing = false;
    m_unavailable = false;
    m_runId = 0;
    m_samplesSent = 0;
    m_channelsSent = 0;
    m_issuesSent = 0;
    m_markerStored.clear();
    m_firstUnstoredMarker = 0;
    m_timingSent = -1;
    m_clockSent = false;
    m_metadataSent.clear();
    m_started = QDateTime::currentDateTime();
    return true;
}

// The run is created with the first sample, so a sampler that never produced one (not installed,
// not a power log) leaves no empty run behind.
void LibraryRecorder::startRun(const LiveSource &source)
{
    m_appender = std::make_unique<RunAppender>();
    m_storing = true;
    connect(m_appender.get(), &RunAppender::started, this, [this](qint64 runId) {
        m_runId = runId;
        Q_EMIT started(runId);
    });
    connect(m_appender.get(), &RunAppender::committed, this, &LibraryRecorder::committed);
    connect(m_appender.get(), &RunAppender::finished, this, [this](qint64 runId, qint64 samplesStored, bool storedWhole) {
        m_storing = false;
        Q_EMIT finished(runId, samplesStored, storedWhole);
    });
    connect(m_appender.get(), &RunAppender::failed, this, [this](const QString &message) {
        if (m_runId != 0) {
            Q_EMIT warning(message);
            return;
        }
        m_unavailable = true; // the run was never created: stop queueing samples nobody stores
        m_storing = false;
        Q_EMIT unavailable(message);
    });

    CaptureSettings settings;
    settings.name = m_runName.isEmpty() ? QStringLiteral("Capture %1").arg(m_started.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))
                                        : m_runName;
    settings.formatId = source.formatId();
    settings.sourcePath = m_sourceDescription.isEmpty() ? source.description() : m_sourceDescription;
    // Opening checks the whole library and may wait for a lock: the capture goes on meanwhile and
    // its samples are queued.
    m_appender->startAsync(m_libraryPath, settings, m_options);
}

void LibraryRecorder::formatRecognised(const QString &formatId)
{
    if (m_appender && !m_unavailable)
        m_appender->setFormatId(formatId);
}

void LibraryRecorder::parsed(const LiveSource &source)
{
    copyNewSamples(source);
}

void LibraryRecorder::copyNewSamples(const LiveSource &source)
{
    if (m_unavailable)
        return;
    const LiveTrace &live = *source.trace();
    if (!m_appender) {
        if (live.size() == 0)
            return;
        startRun(source);
        if (m_unavailable)
            return;
    }
    RunAppender &appender = *m_appender;
    live.read([&](const Trace &trace) {
        if (int(trace.timing()) != m_timingSent) {
            m_timingSent = int(trace.timing());
            appender.setTiming(trace.timing());
        }
        if (!m_clockSent && trace.clockAtZero().isValid()) {
            m_clockSent = true;
            appender.setClockAtZero(trace.clockAtZero());
        }
        for (; m_channelsSent < trace.channelCount(); ++m_channelsSent)
            appender.channel(trace.channel(m_channelsSent));
        std::vector<float> values(size_t(trace.channelCount()));
        for (; m_samplesSent < trace.size(); ++m_samplesSent) {
            for (int c = 0; c < trace.channelCount(); ++c)
                values[size_t(c)] = trace.value(c, m_samplesSent);
            appender.append(trace.timeS(m_samplesSent), trace.windowS(m_samplesSent), values);
        }
        // An open phase keeps its place in the list and is replaced there by its closed self:
        // each is stored once, when it has closed, so phases inside an open one are not held back.
        const QList<Marker> &markers = trace.markers();
        m_markerStored.resize(size_t(markers.size()), false);
        for (qsizetype i = m_firstUnstoredMarker; i < markers.size(); ++i) {
            if (!m_markerStored[size_t(i)] && !markers[i].open) {
                appender.marker(markers[i]);
                m_markerStored[size_t(i)] = true;
            }
        }
        while (m_firstUnstoredMarker < markers.size() && m_markerStored[size_t(m_firstUnstoredMarker)])
            ++m_firstUnstoredMarker;
    });
    const qint64 issueCount = live.issueCount();
    if (issueCount > m_issuesSent) {
        const QList<ParseIssue> kept = live.issues();
        for (; m_issuesSent < issueCount; ++m_issuesSent)
            appender.issue(m_issuesSent < kept.size() ? kept[m_issuesSent] : ParseIssue{});
    }
    const QMap<QString, QString> metadata = live.metadata();
    if (metadata != m_metadataSent) {
        for (auto it = metadata.cbegin(); it != metadata.cend(); ++it) {
            if (m_metadataSent.value(it.key()) != it.value())
                appender.metadata(it.key(), it.value());
        }
        m_metadataSent = metadata;
    }
}

void LibraryRecorder::end(const LiveStatus &status)
{
    if (m_source)
        copyNewSamples(*m_source);
    if (!m_appender || m_unavailable)
        return;
    m_appender->metadata(QStringLiteral("capture.ended"), status.describe());
    if (endsComplete(status))
        m_appender->finish();
    else
        m_appender->markInterrupted();
    m_source = nullptr;
}

} // namespace nightwatt
