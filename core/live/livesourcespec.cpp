#include "live/livesourcespec.h"

#include "live/followsource.h"
#include "live/programsource.h"
#include "live/prometheussource.h"
#include "live/raplsource.h"
#include "live/replaysource.h"

#include <QRegularExpression>

#include <algorithm>

namespace nightwatt {

namespace {

const QString kSecretWords = QStringLiteral("password|passwd|pass|pwd|token|secret|api[-_]?key|apikey|auth|authorization|bearer|"
                                            "credentials?|private[-_]?key|access[-_]?key");

bool namesASecret(const QString &option)
{
    static const QRegularExpression pattern(QStringLiteral("^--?[\\w-]*(%1)[\\w-]*$").arg(kSecretWords),
                                            QRegularExpression::CaseInsensitiveOption);
    return pattern.match(option).hasMatch();
}

} // namespace

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
    for (const QString &file : {prometheus.bearerTokenFile, prometheus.basicPasswordFile, prometheus.caFile}) {
        if (!file.isEmpty())
            files.append(file);
    }
    return files;
}

QString quoteArgumentForDisplay(const QString &argument)
{
    static const QRegularExpression plain(QStringLiteral("^[\\w@%+=:,./-]+$"));
    if (!argument.isEmpty() && plain.match(argument).hasMatch())
        return argument;
    QString quoted = argument;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

QString redactSecrets(const QString &text)
{
    static const QRegularExpression userInfo(QStringLiteral("([A-Za-z][A-Za-z0-9+.-]*://)[^/@\\s]+@"));
    static const QRegularExpression optionValue(QStringLiteral("^(--?[\\w-]*(?:%1)[\\w-]*[=:]).+$").arg(kSecretWords),
                                                QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression queryValue(QStringLiteral("([?&;](?:[\\w-]*(?:%1)[\\w-]*)=)[^&;#\\s]*").arg(kSecretWords),
                                               QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression header(QStringLiteral("^((?:authorization|[\\w-]*(?:token|api[-_]?key)[\\w-]*)\\s*:).+$"),
                                           QRegularExpression::CaseInsensitiveOption);
    QString out = text;
    out.replace(userInfo, QStringLiteral("\\1***@"));
    out.replace(optionValue, QStringLiteral("\\1***"));
    out.replace(queryValue, QStringLiteral("\\1***"));
    out.replace(header, QStringLiteral("\\1 ***"));
    return out;
}

QString LiveSourceSpec::describeForLibrary() const
{
    if (program.isEmpty())
        return redactSecrets(source);
    QStringList shown;
    bool hideNext = false;
    for (const QString &argument : program) {
        if (hideNext) {
            shown.append(QStringLiteral("***"));
            hideNext = false;
            continue;
        }
        // "--password SECRET": the option alone says the next argument is the secret.
        hideNext = namesASecret(argument);
        shown.append(quoteArgumentForDisplay(redactSecrets(argument)));
    }
    return shown.join(QLatin1Char(' '));
}

QStringList liveSourceKinds()
{
    return samplerPresetNames()
        + QStringList{QStringLiteral("rapl"), QStringLiteral("follow:PATH"), QStringLiteral("replay:PATH"), QStringLiteral("prom+http://HOST:PORT")};
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
    if (choice.source)
        choice.source->setFormatId(spec.formatId);
    return choice;
}

} // namespace nightwatt
