#include "formats/markerfileparser.h"
#include "formats/tracebuilder.h"

#include <QTest>
#include <QTimeZone>

using namespace nightwatt;
using namespace Qt::StringLiterals;

class TestMarkerFileParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void epochTimesArePlacedByTheLogsClock();
    void isoTimesWithAnOffsetArePlacedByTheLogsClock();
    void elapsedSecondsCountFromTheFirstSample();
    void unclosedStartIsClosedAtTheLogsEnd();
    void stopWithoutStartIsAnIssue();
    void startAgainEarlierLeavesTheFirstOut();
    void markersOnAnotherClockSayTheOffset();
    void clockTimesNeedALogWithAClock();
    void cutLastLineIsLeftOut();
    void notAMarkerFileFails();
    void labelsNameTheirKind();
    void aStartIsAnOpenPhaseUntilItsStop();
};

namespace {

constexpr qint64 kLogStartEpochS = 1'700'000'000;

// A log of 600 s from kLogStartEpochS whose axis starts at 10 s (a reader's own origin).
MarkerAxis logAxis()
{
    MarkerAxis axis;
    axis.clockAtZero = QDateTime::fromSecsSinceEpoch(kLogStartEpochS - 10, QTimeZone::utc());
    axis.firstSampleS = 10;
    axis.lastSampleS = 610;
    return axis;
}

TraceBuilder read(const QByteArray &text, const MarkerAxis &axis = logAxis())
{
    TraceBuilder sink;
    MarkerFileParser parser(axis);
    parser.setSink(&sink);
    parser.feed(text);
    parser.finish();
    return sink;
}

QByteArray epoch(qint64 afterStartS)
{
    return QByteArray::number(kLogStartEpochS + afterStartS);
}

} // namespace

void TestMarkerFileParser::epochTimesArePlacedByTheLogsClock()
{
    const TraceBuilder sink = read("time,event,label\n" + epoch(100) + ",start,epoch 1\n" + epoch(250) + ",stop,epoch 1\n"
                                   + epoch(300) + ",mark,checkpoint\n");
    QCOMPARE(sink.issueCount(), 0);
    const QList<Marker> markers = sink.trace().markers();
    QCOMPARE(markers.size(), 2);
    QCOMPARE(markers.at(0), (Marker{MarkerKind::Epoch, u"epoch 1"_s, 110.0, 260.0}));
    QCOMPARE(markers.at(1), (Marker{MarkerKind::Marker, u"checkpoint"_s, 310.0, std::nullopt}));
}

void TestMarkerFileParser::isoTimesWithAnOffsetArePlacedByTheLogsClock()
{
    // 2023-11-14T22:13:20Z is kLogStartEpochS; written in +01:00, 60 s into the log.
    const TraceBuilder sink = read("time,event,label\n2023-11-14T23:14:20+01:00,start,run\n2023-11-14T23:15:20+01:00,stop,run\n");
    QCOMPARE(sink.issueCount(), 0);
    QCOMPARE(sink.trace().markers(), (QList<Marker>{{MarkerKind::Run, u"run"_s, 70.0, 130.0}}));
}

void TestMarkerFileParser::elapsedSecondsCountFromTheFirstSample()
{
    const TraceBuilder sink = read("time,event,label\r\n5.5,start,warm-up\r\n20,stop,warm-up\r\n");
    QCOMPARE(sink.issueCount(), 0);
    QCOMPARE(sink.trace().markers(), (QList<Marker>{{MarkerKind::Marker, u"warm-up"_s, 15.5, 30.0}}));
}

void TestMarkerFileParser::unclosedStartIsClosedAtTheLogsEnd()
{
    const TraceBuilder sink = read("time,event,label\n" + epoch(500) + ",start,eval\n");
    QCOMPARE(sink.trace().markers(), (QList<Marker>{{MarkerKind::Eval, u"eval"_s, 510.0, 610.0}}));
    QCOMPARE(sink.issueCount(), 1);
    QCOMPARE(sink.issues().at(0).line, 2);
    QVERIFY2(sink.issues().at(0).message.contains("no stop"_L1), qPrintable(sink.issues().at(0).message));
}

void TestMarkerFileParser::stopWithoutStartIsAnIssue()
{
    const TraceBuilder sink = read("time,event,label\n" + epoch(10) + ",stop,epoch 1\n" + epoch(20) + ",start,epoch 2\n" + epoch(30)
                                   + ",stop,epoch 2\n");
    QCOMPARE(sink.trace().markers(), (QList<Marker>{{MarkerKind::Epoch, u"epoch 2"_s, 30.0, 40.0}}));
    QCOMPARE(sink.issueCount(), 1);
    QCOMPARE(sink.issues().at(0).line, 2);
    QVERIFY2(sink.issues().at(0).message.contains("without a start"_L1), qPrintable(sink.issues().at(0).message));
}

// Found by fuzzing: a second start stamped before the first made an interval that ended before it
// began.
void TestMarkerFileParser::startAgainEarlierLeavesTheFirstOut()
{
    const TraceBuilder sink = read("time,event,label\n" + epoch(50) + ",start,eval\n" + epoch(20) + ",start,eval\n" + epoch(30)
                                   + ",stop,eval\n");
    QCOMPARE(sink.trace().markers(), (QList<Marker>{{MarkerKind::Eval, u"eval"_s, 30.0, 40.0}}));
    QCOMPARE(sink.issueCount(), 1);
    QCOMPARE(sink.issues().at(0).line, 3);
    QVERIFY2(sink.issues().at(0).message.contains("starts again 30 s before its earlier start (line 2)"_L1),
             qPrintable(sink.issues().at(0).message));
}

void TestMarkerFileParser::markersOnAnotherClockSayTheOffset()
{
    // Written in UTC for a log that printed local time five hours behind it.
    const TraceBuilder sink = read("time,event,label\n" + epoch(5 * 3600 + 100) + ",start,run\n" + epoch(5 * 3600 + 500) + ",stop,run\n");
    QCOMPARE(sink.trace().markers().size(), 1); // kept: nothing the script wrote is dropped
    QCOMPARE(sink.issueCount(), 1);
    const QString message = sink.issues().at(0).message;
    QVERIFY2(message.contains("4 h 51 min after the log's end"_L1) && message.contains("begin 5 h 1 min after its start"_L1)
                 && message.contains("time zone"_L1),
             qPrintable(message));

    const TraceBuilder dayBefore = read("time,event,label\n" + epoch(-86400) + ",mark,start\n");
    QCOMPARE(dayBefore.issueCount(), 1);
    QVERIFY2(dayBefore.issues().at(0).message.contains("1 d 0 h before the log's start"_L1), qPrintable(dayBefore.issues().at(0).message));
}

void TestMarkerFileParser::clockTimesNeedALogWithAClock()
{
    MarkerAxis axis = logAxis();
    axis.clockAtZero = {};
    const TraceBuilder sink = read("time,event,label\n" + epoch(1) + ",mark,a\n2,mark,b\n", axis);
    QCOMPARE(sink.trace().markers(), (QList<Marker>{{MarkerKind::Marker, u"b"_s, 12.0, std::nullopt}}));
    QCOMPARE(sink.issueCount(), 1);
    QCOMPARE(sink.issues().at(0).line, 2);
}

void TestMarkerFileParser::cutLastLineIsLeftOut()
{
    const TraceBuilder cut = read("time,event,label\n1,mark,a\n2,sta");
    QCOMPARE(cut.trace().markers().size(), 1);
    QCOMPARE(cut.issueCount(), 1);
    QCOMPARE(cut.issues().at(0).line, 3);
    const TraceBuilder whole = read("time,event,label\n1,mark,a\n2,mark,b");
    QCOMPARE(whole.trace().markers().size(), 2);
    QCOMPARE(whole.issueCount(), 0);
}

void TestMarkerFileParser::notAMarkerFileFails()
{
    const TraceBuilder sink = read("timestamp,power_w\n1,5\n");
    QVERIFY(sink.failure().has_value());
    QCOMPARE(sink.failure()->line, 1);
    QVERIFY(sink.trace().markers().isEmpty());
}

void TestMarkerFileParser::labelsNameTheirKind()
{
    QCOMPARE(markerKindOfLabel(u"epoch 3"_s), MarkerKind::Epoch);
    QCOMPARE(markerKindOfLabel(u"evaluation 2"_s), MarkerKind::Eval);
    QCOMPARE(markerKindOfLabel(u"Run"_s), MarkerKind::Run);
    QCOMPARE(markerKindOfLabel(u"initialization"_s), MarkerKind::Init);
    QCOMPARE(markerKindOfLabel(u"warm-up"_s), MarkerKind::Marker);
    QCOMPARE(markerKindOfLabel(u"runner"_s), MarkerKind::Marker);
}

// A script's markers read while it trains: the phase shows from its start, and its stop takes
// the open phase's place rather than adding a second one.
void TestMarkerFileParser::aStartIsAnOpenPhaseUntilItsStop()
{
    TraceBuilder sink;
    MarkerFileParser parser(logAxis());
    parser.setReportsOpenPhases(true);
    parser.setSink(&sink);
    parser.feed("time,event,label\n5,start,epoch 1\n8,mark,checkpoint\n");
    QCOMPARE(sink.trace().markers(), (QList<Marker>{{MarkerKind::Epoch, u"epoch 1"_s, 15.0, std::nullopt, true},
                                                    {MarkerKind::Marker, u"checkpoint"_s, 18.0, std::nullopt}}));
    parser.feed("20,stop,epoch 1\n20,start,epoch 2\n");
    QCOMPARE(sink.trace().markers(), (QList<Marker>{{MarkerKind::Epoch, u"epoch 1"_s, 15.0, 30.0},
                                                    {MarkerKind::Marker, u"checkpoint"_s, 18.0, std::nullopt},
                                                    {MarkerKind::Epoch, u"epoch 2"_s, 30.0, std::nullopt, true}}));
    parser.finish();
    QCOMPARE(sink.trace().markers().last(), (Marker{MarkerKind::Epoch, u"epoch 2"_s, 30.0, 610.0}));
    QCOMPARE(sink.trace().markers().size(), 3);
}

QTEST_GUILESS_MAIN(TestMarkerFileParser)
#include "tst_markerfileparser.moc"
