#pragma once

#include <vector>

#include "library/libraryconnection.h"
#include "live/capturerecorder.h"

#include <QDateTime>
#include <QMap>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace nightwatt {

class RunAppender;

// Makes every capture a run in the run library: the parsed samples (the same time axis, channels,
// issues and markers the live chart shows) go to a RunAppender as they are parsed, and it commits them
// every half second from its own thread, so if Nightwatt is killed the library holds all but at
// most the last second and the next open shows the run as interrupted.
//
// The library never stops a capture: if it cannot be opened or stays locked, unavailable() says
// why and the capture goes on (with its file, if it has one). All the recorder's work happens on
// the source's thread; its signals can be received anywhere (queued).
class LibraryRecorder final : public QObject, public CaptureRecorder
{
    Q_OBJECT
public:
    explicit LibraryRecorder(const QString &libraryPath, QObject *parent = nullptr);
    ~LibraryRecorder() override;

    void setLibraryOptions(const LibraryOptions &options) { m_options = options; }
    // Shown in run lists; default "Capture YYYY-MM-DD HH:MM:SS" (local time at begin()). The run
    // is created when the first sample is parsed.
    void setRunName(const QString &name) { m_runName = name; }
    // What the run keeps as its source, already free of secrets (LiveSourceSpec::describeForLibrary()).
    void setSourceDescription(const QString &description) { m_sourceDescription = description; }
    QString libraryPath() const { return m_libraryPath; }
    // A run was created and is still being stored (finished() or unavailable() will follow).
    bool isStoring() const { return m_storing; }
    qint64 runId() const { return m_runId; }

    bool begin(const LiveSource &source, QString *error) override;
    void write(QByteArrayView bytes) override { Q_UNUSED(bytes); }
    void formatRecognised(const QString &formatId) override;
    void parsed(const LiveSource &source) override;
    void end(const LiveStatus &status) override;

    // The run library status a capture that ended this way gets.
    static bool endsComplete(const LiveStatus &status);

Q_SIGNALS:
    void started(qint64 runId);
    void committed(qint64 samplesStored);
    // The run is stored with its final status; see RunAppender::finished().
    void finished(qint64 runId, qint64 samplesStored, bool storedWhole);
    // The library cannot be used for this capture (not opened, locked...): nothing more comes.
    void unavailable(const QString &message);
    // A commit failed (the library is busy); the samples stay queued and are retried.
    void warning(const QString &message);

private:
    void startRun(const LiveSource &source);
    void copyNewSamples(const LiveSource &source);

    QString m_libraryPath;
    LibraryOptions m_options;
    QString m_runName;
    QString m_sourceDescription;
    const LiveSource *m_source = nullptr; // between begin() and end()
    std::unique_ptr<RunAppender> m_appender;
    QDateTime m_started;
    bool m_unavailable = false;
    // Read from any thread (a window asks while the capture runs on its own thread).
    std::atomic_bool m_storing = false;
    std::atomic<qint64> m_runId = 0;
    qsizetype m_samplesSent = 0;
    int m_channelsSent = 0;
    qint64 m_issuesSent = 0;
    std::vector<bool> m_markerStored; // by place in the trace's markers
    qsizetype m_firstUnstoredMarker = 0;
    int m_timingSent = -1;
    bool m_clockSent = false;
    QMap<QString, QString> m_metadataSent;
};

} // namespace nightwatt
