#include "live/livesource.h"

#include "formats/logformat.h"
#include "formats/nightwattcaptureparser.h"
#include "io/messagetext.h"
#include "live/capturerecorder.h"
#include "live/markerfollower.h"

#include <utility>

namespace nightwatt {

namespace {

// Every sampler Nightwatt knows shows what it is within its first few lines; a stream that has not
// after this many is not one of them (better to say so than to wait for 64 KiB of a wrong file).
constexpr int kSniffLines = 50;

} // namespace

LiveSource::LiveSource(QObject *parent)
    : QObject(parent)
    , m_trace(new LiveTrace(this))
{
    connect(m_trace, &LiveTrace::samplesAppended, this, &LiveSource::samplesAppended);
}

LiveSource::~LiveSource() = default;

void LiveSource::addRecorder(CaptureRecorder *recorder)
{
    m_recorders.append(recorder);
}

void LiveSource::followMarkers(const QString &path)
{
    delete std::exchange(m_markers, nullptr);
    if (path.isEmpty())
        return;
    m_markers = new MarkerFollower(path, *m_trace, this);
    connect(m_markers, &MarkerFollower::markerRead, this, &LiveSource::addMarker, Qt::DirectConnection);
    connect(m_markers, &MarkerFollower::problem, m_trace, &LiveTrace::reportIssue, Qt::DirectConnection);
    connect(m_markers, &MarkerFollower::issueFound, this, &LiveSource::markerIssue, Qt::DirectConnection);
}

QString LiveSource::markerFile() const
{
    return m_markers ? m_markers->path() : QString();
}

void LiveSource::addMarker(const Marker &marker)
{
    m_trace->addMarker(marker);
    // An open phase is shown at once but recorded only when it closes: a record is final.
    if (writesCaptureRecords() && !marker.open) {
        const QByteArray record = NightwattCaptureWriter::marker(marker);
        for (CaptureRecorder *recorder : std::as_const(m_recorders))
            recorder->write(record);
    }
    // The recorders take it now, with the samples around it.
    for (CaptureRecorder *recorder : std::as_const(m_recorders))
        recorder->parsed(*this);
}

void LiveSource::start()
{
    if (m_status.isRunning())
        return;
    m_trace->clear();
    if (m_markers)
        m_markers->reset();
    m_parser.reset();
    m_head.clear();
    m_skipping = false;
    m_formatId.clear();
    m_bytesReceived = 0;
    m_stopRequested = false;
    m_status = {};

    if (!m_forcedFormatId.isEmpty() && !logFormatById(m_forcedFormatId)) {
        setStatus({LiveStatus::State::Failed, 0, QStringLiteral("unknown format \"%1\" (see `nightwatt formats`)").arg(m_forcedFormatId)});
        return;
    }
    for (CaptureRecorder *recorder : std::as_const(m_recorders)) {
        QString error;
        if (!recorder->begin(*this, &error)) {
            setStatus({LiveStatus::State::Failed, 0, error});
            return;
        }
    }
    setStatus({LiveStatus::State::Running, 0, {}});
    open();
}

void LiveSource::stop()
{
    if (!m_status.isRunning() || m_stopRequested)
        return;
    m_stopRequested = true;
    requestStop();
}

void LiveSource::requestStop()
{
    halt();
    finishInput();
    setStatus({LiveStatus::State::Stopped, 0, {}});
}

void LiveSource::deliver(QByteArrayView bytes)
{
    if (bytes.isEmpty())
        return;
    if (m_skipping) {
        noteSkipped(bytes);
    } else {
        m_bytesReceived += bytes.size();
        for (CaptureRecorder *recorder : std::as_const(m_recorders))
            recorder->write(bytes);
    }
    if (m_parser) {
        m_parser->feed(bytes);
        notifyParsed();
        return;
    }
    if (!m_status.isRunning())
        return;
    m_head.append(bytes.data(), bytes.size());
    if (recogniseFormat(false))
        notifyParsed();
}

void LiveSource::beginSkipping()
{
    m_skipping = true;
    m_skippedHead.clear();
    m_skippedLastLine.clear();
    m_trace->setMuted(true);
}

void LiveSource::noteSkipped(QByteArrayView bytes)
{
    // Called before the bytes are parsed: once a sample was seen, the header is complete.
    if (m_trace->firstMutedSampleLine() < 0)
        m_skippedHead.append(bytes.data(), bytes.size());
    const qsizetype lastNewline = bytes.lastIndexOf('\n');
    if (lastNewline >= 0)
        m_skippedLastLine.clear();
    const QByteArrayView afterNewline = bytes.sliced(lastNewline + 1);
    m_skippedLastLine.append(afterNewline.data(), afterNewline.size());
}

void LiveSource::endSkipping()
{
    m_trace->setMuted(false);
    m_skipping = false;
    const qint64 firstSampleLine = m_trace->firstMutedSampleLine();
    QByteArray kept = std::exchange(m_skippedHead, {});
    if (firstSampleLine >= 0) {
        // Lines are numbered from 1; a sample on an unknown line (0) leaves no header to keep.
        qsizetype end = 0;
        for (qint64 line = 1; line < firstSampleLine && end < kept.size(); ++line) {
            const qsizetype newline = kept.indexOf('\n', end);
            end = newline < 0 ? kept.size() : newline + 1;
        }
        kept.truncate(end);
        kept += m_skippedLastLine;
    }
    m_skippedLastLine.clear();
    if (kept.isEmpty())
        return;
    m_bytesReceived += kept.size();
    for (CaptureRecorder *recorder : std::as_const(m_recorders))
        recorder->write(kept);
}

void LiveSource::notifyParsed()
{
    for (CaptureRecorder *recorder : std::as_const(m_recorders))
        recorder->parsed(*this);
    // From the first sample on, the capture's clock is known: markers can be placed.
    if (m_markers && !m_markers->isFollowing() && m_status.isRunning() && m_trace->size() > 0)
        m_markers->start();
}

void LiveSource::finishInput()
{
    if (!m_parser && !m_head.isEmpty() && m_status.isRunning())
        recogniseFormat(true);
    endParser();
}

// What the parser still holds, and a sample the trace holds back, are kept before it goes.
void LiveSource::endParser()
{
    if (m_parser)
        m_parser->finish();
    m_trace->finishInput();
    m_parser.reset();
    m_head.clear();
}

void LiveSource::restartInput(const QString &why)
{
    endParser();
    m_trace->reportIssue(why);
    m_trace->beginSegment();
}

bool LiveSource::recogniseFormat(bool atEnd)
{
    if (!m_forcedFormatId.isEmpty()) {
        useFormat(*logFormatById(m_forcedFormatId));
        return true;
    }
    QByteArrayView head = QByteArrayView(m_head).first(std::min(m_head.size(), kSniffBytes));
    const bool enough = atEnd || head.size() >= kSniffBytes || head.count('\n') >= kSniffLines;
    if (!atEnd && head.size() < kSniffBytes) {
        // Sniff whole lines only: half a header line can look like something else.
        const qsizetype lastNewline = head.lastIndexOf('\n');
        if (lastNewline < 0)
            return false;
        head = head.first(lastNewline + 1);
    }
    const SniffResult sniffed = sniffLogFormat(head);
    if (sniffed.format) {
        useFormat(*sniffed.format);
        return true;
    }
    if (enough) {
        // The first line is usually the sampler's own error ("NVIDIA-SMI has failed because ...").
        const qsizetype lineEnd = head.indexOf('\n');
        const QByteArrayView firstLine = head.first(std::min<qsizetype>(lineEnd < 0 ? head.size() : lineEnd, 160));
        fail(QStringLiteral("the input is not a power log Nightwatt knows (tried: %1); the first line is %2")
                 .arg(sniffed.tried.join(QStringLiteral(", ")), quoteInput(firstLine)));
    }
    return false;
}

void LiveSource::useFormat(const LogFormat &format)
{
    m_formatId = format.id;
    m_parser = format.create();
    m_parser->setSink(m_trace->sink());
    m_parser->setOptions(m_parserOptions);
    for (CaptureRecorder *recorder : std::as_const(m_recorders))
        recorder->formatRecognised(m_formatId);
    Q_EMIT formatRecognised(m_formatId);
    const QByteArray head = std::exchange(m_head, {});
    if (!head.isEmpty())
        m_parser->feed(head);
}

void LiveSource::setStatus(const LiveStatus &status)
{
    if (status == m_status)
        return;
    const bool endsNow = status.hasEnded() && !m_status.hasEnded();
    // The marker file's last lines, and its phases still open, belong to the capture ending here.
    if (endsNow && m_markers)
        m_markers->finish();
    m_status = status;
    if (endsNow) {
        for (CaptureRecorder *recorder : std::as_const(m_recorders))
            recorder->end(status);
    }
    Q_EMIT statusChanged(status);
}

void LiveSource::fail(const QString &message)
{
    if (m_status.hasEnded())
        return;
    halt();
    // What was complete before the failure stays: flush it.
    endParser();
    setStatus({LiveStatus::State::Failed, 0, message});
}

} // namespace nightwatt
