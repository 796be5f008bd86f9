#include "capturereporter.h"

#include "analysis/tracestats.h"
#include "io/messagetext.h"
#include "live/capturefilerecorder.h"
#include "live/livesource.h"
#include "live/sampletotal.h"

#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cstdio>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace nightwatt::cli {

namespace {

constexpr int kTerminalRefreshMs = 250;
constexpr int kLogRefreshMs = 10000;

QString formatWatts(std::optional<double> watts)
{
    return watts ? QStringLiteral("%1 W").arg(*watts, 0, 'f', 2) : QStringLiteral("–");
}

// Everything the reporter writes names the source, its command line, the sampler's and the
// server's words: all of it passes safeMessage() on the way to the terminal.
void write(const QString &text)
{
    QTextStream(stderr) << safeMessage(text) << Qt::flush;
}

} // namespace

CaptureReporter::CaptureReporter(const LiveSource &source, const CaptureFileRecorder *recorder, QObject *parent)
    : QObject(parent)
    , m_source(source)
    , m_recorder(recorder)
    , m_timer(new QTimer(this))
#ifdef Q_OS_UNIX
    , m_terminal(::isatty(STDERR_FILENO) == 1)
#else
    , m_terminal(false)
#endif
{
    connect(m_timer, &QTimer::timeout, this, &CaptureReporter::printStatusLine);
}

void CaptureReporter::started()
{
    m_elapsed.start();
    QString text = QStringLiteral("nightwatt: capturing ") + m_source.description();
    if (m_recorder)
        text += QStringLiteral(" into ") + m_recorder->path();
    write(text + QStringLiteral("; Ctrl+C stops and keeps everything\n"));
    m_timer->start(m_terminal ? kTerminalRefreshMs : kLogRefreshMs);
}

void CaptureReporter::note(const QString &message)
{
    write((m_lineOpen ? QStringLiteral("\n") : QString()) + QStringLiteral("nightwatt: ") + message + u'\n');
    m_lineOpen = false;
}

void CaptureReporter::libraryStarted(qint64 runId)
{
    m_runId = runId;
    note(QStringLiteral("recording into the run library as run:%1 (%2)").arg(runId).arg(m_libraryPath));
}

void CaptureReporter::libraryUnavailable(const QString &message)
{
    m_libraryProblem = message;
    if (m_recorder) {
        note(QStringLiteral("warning: %1: %2\n  this capture is NOT in the run library; it goes on into %3, nothing is lost. "
                            "Import it afterwards: nightwatt import %3")
                 .arg(m_libraryPath, message, m_recorder->path()));
    } else {
        note(QStringLiteral("error: %1: %2\n  without -o FILE nothing would keep this capture, so it stops here. "
                            "Capture into a file instead (-o FILE), or use another library (--library PATH).")
                 .arg(m_libraryPath, message));
    }
}

void CaptureReporter::libraryFinished(qint64 runId, qint64 samplesStored, bool storedWhole)
{
    Q_UNUSED(runId);
    m_samplesStored = samplesStored;
    m_storedWhole = storedWhole;
}

void CaptureReporter::printStatusLine()
{
    qsizetype samples = 0;
    std::optional<double> lastW;
    m_source.trace()->read([&](const Trace &trace) {
        samples = trace.size();
        lastW = sampleTotalW(trace, trace.size() - 1);
    });
    const QString line = QStringLiteral("  %1 s  %2 samples  last %3  %4")
                             .arg(double(m_elapsed.elapsed()) / 1000.0, 0, 'f', 1)
                             .arg(samples)
                             .arg(formatWatts(lastW), m_source.formatId().isEmpty() ? QStringLiteral("(format not recognised yet)") : m_source.formatId());
    tellWriteFailure();
    if (m_terminal) {
        // The carriage return is the reporter's own, to rewrite the line in place.
        QTextStream(stderr) << '\r';
        write(line.leftJustified(78));
        m_lineOpen = true;
    } else {
        write(line + u'\n');
    }
}

// A full disk is said as soon as it is seen, not only in the summary: the capture goes on in
// memory, but the person may want to free space or stop.
void CaptureReporter::tellWriteFailure()
{
    if (!m_recorder || !m_recorder->failed() || m_toldWriteFailure)
        return;
    m_toldWriteFailure = true;
    note(m_recorder->error());
}

void CaptureReporter::printSummary(const LiveStatus &status, bool interrupted)
{
    m_timer->stop();
    const Trace trace = m_source.trace()->snapshot();
    const TraceStats stats = analyzeTrace(trace);
    QString summary;
    QTextStream err(&summary);
    tellWriteFailure();
    if (m_lineOpen)
        err << '\n';
    QString ended = status.describe();
    if (interrupted && status.state != LiveStatus::State::Failed)
        ended = QStringLiteral("stopped by Ctrl+C/SIGTERM");
    err << "nightwatt: capture " << (status.state == LiveStatus::State::Failed ? "" : "ended: ") << ended << '\n';
    err << "  source   " << m_source.description();
    if (!m_source.formatId().isEmpty())
        err << " (" << m_source.formatId() << ')';
    err << '\n';
    err << "  samples  " << trace.size();
    if (stats.durationS)
        err << " over " << QString::number(*stats.durationS, 'f', 2) << " s";
    err << '\n';
    if (trace.size() > 0) {
        err << "  power    mean " << QString::number(stats.total.meanW, 'f', 2) << " W (" << stats.total.components.join(QStringLiteral(" + "))
            << ")";
        if (stats.total.energyWh)
            err << ", energy " << QString::number(*stats.total.energyWh, 'f', 4) << " Wh";
        err << '\n';
    }
    if (!m_source.markerFile().isEmpty()) {
        const auto phases = std::count_if(trace.markers().cbegin(), trace.markers().cend(), [](const Marker &m) { return m.isInterval(); });
        err << "  markers  " << phases << " phases, " << trace.markers().size() - phases << " instants from " << m_source.markerFile() << '\n';
    }
    const qint64 issues = m_source.trace()->issueCount();
    if (issues > 0) {
        const ParseIssue first = m_source.trace()->issues().first();
        err << "  issues   " << issues << " (first";
        if (first.line > 0)
            err << ", line " << first.line;
        err << ": " << first.message << ")\n";
    }
    if (libraryIncomplete()) {
        err << "  library  run:" << m_runId << " in " << m_libraryPath << " (only " << m_samplesStored << " of " << trace.size()
            << " samples stored; marked interrupted)\n";
    } else if (m_runId > 0) {
        err << "  library  run:" << m_runId << " in " << m_libraryPath << " (" << m_samplesStored << " samples stored)\n";
    } else if (!m_libraryProblem.isEmpty()) {
        err << "  library  not stored: " << m_libraryProblem << '\n';
    }
    if (m_recorder) {
        err << "  output   " << m_recorder->path() << " (" << m_recorder->bytesWritten() << " bytes)\n";
        if (!m_recorder->error().isEmpty())
            err << "  warning  " << m_recorder->error() << '\n';
    }
    if (libraryIncomplete()) {
        err << "nightwatt: error: the run library holds only " << m_samplesStored << " of the " << trace.size()
            << " samples captured (run:" << m_runId << ")";
        if (m_recorder && !m_recorder->failed())
            err << "; all " << trace.size() << " are in " << m_recorder->path() << " (import it: nightwatt import " << m_recorder->path() << ")";
        else if (m_recorder)
            err << "; " << m_recorder->path() << " could not be written whole either";
        else
            err << "; the others are lost (capture with -o FILE to keep them in a file too)";
        err << '\n';
    }
    err.flush();
    write(summary);
}

} // namespace nightwatt::cli
