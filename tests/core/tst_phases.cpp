#include "analysis/phases.h"
#include "formats/tracebuilder.h"

#include <QTest>

using namespace nightwatt;

class TestPhases : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void markerKindsRoundTrip();
    void pointPhasesIntegrateTheirOwnSamples();
    void phasesComeInOrderOfStartAndInstantsHaveNoFigures();
    void phaseTimesCountFromTheFirstSample();
    void windowedPhaseTakesTheWindowsStartingInside();
    void phaseWithoutSamplesHasNoEnergy();
    void traceBuilderKeepsMarkers();
};

namespace {

// 1 s points from `origin`: 10 W before `origin + 50`, 30 W from there on.
Trace stepTrace(double origin, int samples = 101)
{
    Trace trace;
    trace.setTiming(TimingKind::Points);
    trace.ensureChannel({QStringLiteral("gpu"), QStringLiteral("GPU"), ChannelRole::Component});
    for (int i = 0; i < samples; ++i) {
        const float watts = i < 50 ? 10.0f : 30.0f;
        trace.append(origin + i, 0.0f, std::span<const float>(&watts, 1));
    }
    return trace;
}

Marker interval(MarkerKind kind, const QString &label, double start, double end)
{
    return {kind, label, start, end};
}

} // namespace

void TestPhases::markerKindsRoundTrip()
{
    for (MarkerKind kind : {MarkerKind::Run, MarkerKind::Init, MarkerKind::Epoch, MarkerKind::Block,
                            MarkerKind::Eval, MarkerKind::Marker})
        QCOMPARE(markerKindFromId(markerKindId(kind)), std::optional<MarkerKind>(kind));
    QCOMPARE(markerKindId(MarkerKind::Eval), QStringLiteral("eval"));
    QVERIFY(!markerKindFromId(u"warm-up"));
}

void TestPhases::pointPhasesIntegrateTheirOwnSamples()
{
    Trace trace = stepTrace(0);
    trace.addMarker(interval(MarkerKind::Run, QStringLiteral("run"), 0, 100));
    trace.addMarker(interval(MarkerKind::Epoch, QStringLiteral("epoch 1"), 0, 50));
    trace.addMarker(interval(MarkerKind::Epoch, QStringLiteral("epoch 2"), 50, 100));
    const TraceStats whole = analyzeTrace(trace);
    // Trapezoids: 49 s at 10 W, the step second (10 + 30) / 2, then 50 s at 30 W.
    QCOMPARE(*whole.total.energyWh, (490.0 + 20.0 + 1500.0) / 3600.0);

    const QList<PhaseFigures> phases = analyzePhases(trace, whole);
    QCOMPARE(phases.size(), 3);
    const PhaseFigures &run = phases[0];
    QCOMPARE(run.label, QStringLiteral("run"));
    QCOMPARE(*run.energyWh, *whole.total.energyWh);
    QCOMPARE(*run.share, 1.0);
    QCOMPARE(*run.coverage, 1.0);

    const PhaseFigures &first = phases[1];
    QCOMPARE(first.kind, MarkerKind::Epoch);
    QCOMPARE(first.samples, qsizetype(51)); // the reading at the end belongs to the phase
    QCOMPARE(first.durationS, 50.0);
    QCOMPARE(*first.energyWh, 510.0 / 3600.0);
    QCOMPARE(first.meanW, 510.0 / 50.0);
    QCOMPARE(*first.share, 510.0 / 2010.0);

    const PhaseFigures &second = phases[2];
    QCOMPARE(*second.energyWh, 1500.0 / 3600.0);
    QCOMPARE(second.meanW, 30.0);
}

void TestPhases::phasesComeInOrderOfStartAndInstantsHaveNoFigures()
{
    Trace trace = stepTrace(0);
    // Intervals are reported when they close: a later phase can arrive first.
    trace.addMarker(interval(MarkerKind::Epoch, QStringLiteral("epoch 2"), 50, 100));
    trace.addMarker({MarkerKind::Marker, QStringLiteral("checkpoint"), 70, std::nullopt});
    trace.addMarker(interval(MarkerKind::Epoch, QStringLiteral("epoch 1"), 0, 50));
    const QList<PhaseFigures> phases = analyzePhases(trace, analyzeTrace(trace));
    QCOMPARE(phases.size(), 2);
    QCOMPARE(phases[0].label, QStringLiteral("epoch 1"));
    QCOMPARE(phases[1].label, QStringLiteral("epoch 2"));
    QCOMPARE(trace.markers().size(), 3);
}

void TestPhases::phaseTimesCountFromTheFirstSample()
{
    Trace trace = stepTrace(1000);
    trace.addMarker(interval(MarkerKind::Eval, QStringLiteral("eval 1"), 1010, 1020));
    const QList<PhaseFigures> phases = analyzePhases(trace, analyzeTrace(trace));
    QCOMPARE(phases.size(), 1);
    QCOMPARE(phases[0].startS, 10.0);
    QCOMPARE(phases[0].endS, 20.0);
    QCOMPARE(*phases[0].energyWh, 100.0 / 3600.0);
}

void TestPhases::windowedPhaseTakesTheWindowsStartingInside()
{
    Trace trace;
    trace.setTiming(TimingKind::Windowed);
    trace.ensureChannel({QStringLiteral("cpu"), QStringLiteral("CPU"), ChannelRole::Component});
    for (int i = 0; i < 10; ++i) {
        const float watts = 5.0f + float(i);
        trace.append(i, 1.0f, std::span<const float>(&watts, 1));
    }
    QCOMPARE(sampleRangeBetween(trace, 2, 5).begin, qsizetype(2));
    QCOMPARE(sampleRangeBetween(trace, 2, 5).end, qsizetype(5));
    trace.addMarker(interval(MarkerKind::Block, QStringLiteral("block 1"), 2, 5));
    const QList<PhaseFigures> phases = analyzePhases(trace, analyzeTrace(trace));
    QCOMPARE(phases.size(), 1);
    QCOMPARE(*phases[0].energyWh, (7.0 + 8.0 + 9.0) / 3600.0);
    QCOMPARE(*phases[0].coverage, 1.0);
}

void TestPhases::phaseWithoutSamplesHasNoEnergy()
{
    Trace trace = stepTrace(0);
    trace.addMarker(interval(MarkerKind::Eval, QStringLiteral("eval 9"), 500, 600));
    const QList<PhaseFigures> phases = analyzePhases(trace, analyzeTrace(trace));
    QCOMPARE(phases.size(), 1);
    QCOMPARE(phases[0].samples, qsizetype(0));
    QVERIFY(!phases[0].energyWh);
    QCOMPARE(*phases[0].coverage, 0.0);
}

void TestPhases::traceBuilderKeepsMarkers()
{
    TraceBuilder builder;
    ParseSink &sink = builder;
    const Marker marker = interval(MarkerKind::Init, QStringLiteral("init"), 1, 2);
    sink.marker(marker);
    QCOMPARE(builder.trace().markers(), QList<Marker>{marker});
}

QTEST_GUILESS_MAIN(TestPhases)
#include "tst_phases.moc"
