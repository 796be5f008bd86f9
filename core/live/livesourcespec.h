#pragma once

#include "io/messagetext.h"
#include "live/samplerpresets.h"
#include "prometheus/prometheusinput.h"

#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace nightwatt {

class LiveSource;

// What a person chose as the source of a capture, before anything runs: the same words whether
// they come from `nightwatt capture` or the window's Start capture dialog.
struct LiveSourceSpec
{
    static constexpr int kDefaultIntervalMs = 1000;

    // As --source takes it: a preset ("nvidia-smi", "powermetrics", "macmon"), "rapl", "hwmon",
    // "follow:PATH", "replay:PATH" or "prom+http(s)://HOST:PORT". Empty when `program` is given.
    QString source;
    // A sampler program and its arguments (argv, never a shell string).
    QStringList program;
    std::optional<double> intervalMs; // presets and rapl; replay: pace of a log without timing
    std::optional<double> speed;      // replay only
    bool fromEnd = false;             // follow only
    QString raplRoot;                 // rapl only; empty: RaplSource::defaultRoot()
    QString hwmonRoot;                // hwmon only; empty: HwmonSource::defaultRoot()
    QString formatId;                 // read the input as this format; empty: recognise it
    PrometheusInputSpec prometheus;   // a prom+http:// source: its query, unit, auth
    QString markerFile;               // followed for the run's phases while capturing; empty: none

    int effectiveIntervalMs() const;
    // The files the capture reads: the followed or replayed log, the sampler program, the marker
    // file, Prometheus secret and CA files. A capture's output must never be one of them.
    QStringList inputFiles() const;
    // What the run library keeps as the capture's source: the source string or the command line,
    // with anything that looks like a credential (URL user:password@, --password=..., tokens)
    // replaced by "***". A library file gets copied around; secrets must never be in it.
    QString describeForLibrary() const;
};

struct LiveSourceChoice
{
    std::unique_ptr<LiveSource> source;
    QString error;   // a usage problem: the spec itself is wrong
    QString failure; // the source cannot run here (powermetrics without root), with what to do
    bool ok() const { return source != nullptr; }
};

// The one place that turns a spec into a source, for the CLI and the GUI alike.
LiveSourceChoice createLiveSource(const LiveSourceSpec &spec, const SamplerEnvironment &environment = SamplerEnvironment::current());

// Why the source `spec` names cannot start on this machine, where that is known before it starts,
// in the words the capture would fail with: a preset's sampler is not on PATH (said with where it
// comes from), hwmon has no power sensor under its folder. Empty: it may start.
QString problemBeforeStart(const LiveSourceSpec &spec, const SamplerEnvironment &environment = SamplerEnvironment::current());

// createLiveSource(), refused with problemBeforeStart() when that has something to say: what a
// capture about to start uses (the CLI, the window, the Start capture dialog).
LiveSourceChoice createLiveSourceToStart(const LiveSourceSpec &spec, const SamplerEnvironment &environment = SamplerEnvironment::current());

// The SOURCE words --source accepts, for help texts and pickers.
QStringList liveSourceKinds();

} // namespace nightwatt
