#pragma once

#include "formats/markerfileparser.h"
#include "live/filetail.h"
#include "trace/marker.h"

#include <QDateTime>
#include <QObject>
#include <QString>

#include <memory>

namespace nightwatt {

class LiveTrace;

// Follows the marker file a training script appends to while a capture runs (MarkerFileParser's
// grammar; the file may not exist yet, and may grow at any time) and reports each marker as soon
// as its line is read, on the capture's axis: a clock time through the capture's wall clock at
// t = 0, elapsed seconds from its first sample. A phase is reported when its stop is read; one
// still open when the capture ends is closed at the capture's last sample, and an issue says so.
class MarkerFollower final : public QObject, private FileTail::Reader
{
    Q_OBJECT
public:
    // `capture` is the trace whose axis the markers go on; it must outlive the follower.
    MarkerFollower(const QString &path, const LiveTrace &capture, QObject *parent = nullptr);
    ~MarkerFollower() override;

    QString path() const { return m_tail->path(); }
    void setPollInterval(int ms) { m_tail->setPollInterval(ms); }
    bool isFollowing() const { return m_state == State::Following; }

    // Reads the file from its start, then what is appended. Once per capture: call it when the
    // capture has its first sample, so its clock is known.
    void start();
    // The capture ended: reads what the file still has, closes the phases still open, stops.
    void finish();
    // Ready for the next capture.
    void reset();

Q_SIGNALS:
    void markerRead(const nightwatt::Marker &marker);
    // What is wrong in the file, as a sentence that names it (and the line).
    void problem(const QString &message);
    // The same, for a list that shows the file and the line apart.
    void issueFound(const QString &path, const nightwatt::ParseIssue &issue);

private:
    class Sink;
    enum class State { Idle, Following, Finished };

    void tailBytes(QByteArrayView bytes) override;
    void tailRestarted(const QString &why) override;
    void tailFailed(const QString &message) override;
    void newParser();
    MarkerAxis captureAxis() const;

    const LiveTrace &m_capture;
    FileTail *m_tail; // a child, so moveToThread() takes it along
    std::unique_ptr<Sink> m_sink;
    std::unique_ptr<MarkerFileParser> m_parser;
    State m_state = State::Idle;
    QDateTime m_clockWithoutOne; // the capture's clock at t = 0 when its samples carry none
};

} // namespace nightwatt
