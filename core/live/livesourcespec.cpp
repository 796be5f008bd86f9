#include "live/livesourcespec.h"

#include "live/followsource.h"
#include "live/hwmonsource.h"
#include "live/pollingprogramsource.h"
#include "live/programsource.h"
#include "live/prometheussource.h"
#include "live/raplsource.h"
#include "live/replaysource.h"

#include <QStandardPaths>

#include <algorithm>

namespace nightwatt {

int LiveSourceSpec::effectiveIntervalMs() const
{
    return intervalMs ? std::max(1, int(std::min(*intervalMs, 86'400'000.0))) : kDefaultIntervalMs;
}

QStringList LiveSourceSpec::inputFiles() const
{
    QStringList files;
    if (source.startsWith(QLatin1String("follow:")) || source.startsWith(QLatin1String("replay:")))
        files.append(source.mid(7));
    if (!program.isEmpty())
        files.append(program.first());
    for (const QString &file : {markerFile, prometheus.bearerTokenFile, prometheus.basicPasswordFile, prometheus.caFile}) {
        if (!file.isEmpty())
            files.append(file);
    }
    return files;
}

QString LiveSourceSpec::describeForLibrary() const
{
    return program.isEmpty() ? redactSecrets(source) : describeCommandLine(program);
}

QString problemBeforeStart(const LiveSourceSpec &spec, const SamplerEnvironment &environment)
{
    if (spec.source == QLatin1String("hwmon"))
        return HwmonSource::whyUnusable(spec.hwmonRoot.isEmpty() ? HwmonSource::defaultRoot() : spec.hwmonRoot);
    if (!spec.program.isEmpty() || !isSamplerPreset(spec.source))
        return {};
    const SamplerPreset preset = samplerPreset(spec.source, spec.effectiveIntervalMs(), environment);
    if (preset.command && QStandardPaths::findExecutable(preset.command->program).isEmpty())
        return ProgramSource::cannotStart(*preset.command, QStringLiteral("not found on PATH"));
    return {};
}

LiveSourceChoice createLiveSourceToStart(const LiveSourceSpec &spec, const SamplerEnvironment &environment)
{
    LiveSourceChoice choice = createLiveSource(spec, environment);
    if (choice.ok()) {
        if (QString problem = problemBeforeStart(spec, environment); !problem.isEmpty()) {
            choice.source.reset();
            choice.failure = std::move(problem);
        }
    }
    return choice;
}

QStringList liveSourceKinds()
{
    return samplerPresetNames()
        + QStringList{QStringLiteral("rapl"), QStringLiteral("hwmon"), QStringLiteral("follow:PATH"), QStringLiteral("replay:PATH"), QStringLiteral("prom+http://HOST:PORT")};
}

LiveSourceChoice createLiveSource(const LiveSourceSpec &spec, const SamplerEnvironment &environment)
{
    LiveSourceChoice choice;
    const QString &source = spec.source;
    const int intervalMs = spec.effectiveIntervalMs();
    if (spec.intervalMs && !(*spec.intervalMs > 0)) {
        choice.error = QStringLiteral("the interval must be a positive number of milliseconds");
        return choice;
    }
    if (spec.speed && !(*spec.speed > 0)) {
        choice.error = QStringLiteral("the replay speed must be a positive number");
        return choice;
    }

    if (!spec.program.isEmpty()) {
        if (!source.isEmpty()) {
            choice.error = QStringLiteral("give either --source or a program after --, not both");
            return choice;
        }
        if (spec.program.first().isEmpty()) {
            choice.error = QStringLiteral("the sampler program is empty");
            return choice;
        }
        choice.source = std::make_unique<ProgramSource>(SamplerCommand{spec.program.first(), spec.program.mid(1), {}});
    } else if (source.isEmpty()) {
        choice.error = QStringLiteral("capture needs --source SOURCE or a program after --");
    } else if (source == QLatin1String("rapl")) {
        choice.source = std::make_unique<RaplSource>(spec.raplRoot.isEmpty() ? RaplSource::defaultRoot() : spec.raplRoot, intervalMs);
    } else if (source == QLatin1String("hwmon")) {
        choice.source = std::make_unique<HwmonSource>(spec.hwmonRoot.isEmpty() ? HwmonSource::defaultRoot() : spec.hwmonRoot,
                                                      spec.intervalMs ? intervalMs : HwmonSource::kDefaultIntervalMs);
    } else if (isPrometheusUrl(source)) {
        PrometheusInputSpec prometheus = spec.prometheus;
        prometheus.url = source;
        choice.source = PrometheusSource::fromSpec(prometheus, intervalMs, &choice.error);
    } else if (source.startsWith(QLatin1String("follow:")) && source.size() > 7) {
        const auto startAt = spec.fromEnd ? FollowSource::StartAt::End : FollowSource::StartAt::Beginning;
        choice.source = std::make_unique<FollowSource>(source.mid(7), startAt);
    } else if (source.startsWith(QLatin1String("replay:")) && source.size() > 7) {
        auto replay = std::make_unique<ReplaySource>(source.mid(7), spec.speed.value_or(1.0));
        if (spec.intervalMs)
            replay->setUntimedIntervalMs(intervalMs);
        choice.source = std::move(replay);
    } else if (isSamplerPreset(source)) {
        const SamplerPreset preset = samplerPreset(source, intervalMs, environment);
        if (!preset.command)
            choice.failure = preset.error;
        else if (preset.runEachInterval)
            choice.source = std::make_unique<PollingProgramSource>(*preset.command, intervalMs);
        else
            choice.source = std::make_unique<ProgramSource>(*preset.command);
    } else {
        choice.error = QStringLiteral("unknown source \"%1\" (%2)").arg(source, liveSourceKinds().join(QStringLiteral(", ")));
    }
    if ((choice.source || !choice.failure.isEmpty()) && spec.speed && !source.startsWith(QLatin1String("replay:"))) {
        choice.source.reset();
        choice.failure.clear();
        choice.error = QStringLiteral("--speed is for replay:PATH only");
    }
    if (choice.source) {
        choice.source->setFormatId(spec.formatId);
        // A sampler that prints no time of its own (tegrastats, rocm-smi) is read at the interval
        // it was given: the preset's own, or the one a followed or replayed log was written at.
        ParserOptions options;
        options.intervalMs = spec.intervalMs || isSamplerPreset(source) ? intervalMs : 0;
        choice.source->setParserOptions(options);
        choice.source->followMarkers(spec.markerFile);
    }
    return choice;
}

} // namespace nightwatt
