#include "formats/mlperfrun.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTimeZone>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace nightwatt {

namespace {

constexpr QByteArrayView kToken = ":::MLLOG ";
constexpr double kMsPerS = 1000.0;

struct Reading
{
    double timeMs = 0;
    float watts = 0;
};

// A training event that opens or closes a phase, as the log printed it.
struct PhaseEvent
{
    MarkerKind kind = MarkerKind::Marker;
    bool start = false;
    double timeMs = 0;
    std::optional<qint64> number; // epoch number, where the event carries one
};

std::optional<double> number(const QJsonValue &value)
{
    if (value.isDouble())
        return value.toDouble();
    return std::nullopt;
}

// "run_start" -> (Run, start). Events that are no phase: nullopt.
std::optional<std::pair<MarkerKind, bool>> phaseOf(const QString &key)
{
    static const std::pair<const char *, MarkerKind> kPhases[] = {
        {"run", MarkerKind::Run}, {"init", MarkerKind::Init}, {"block", MarkerKind::Block},
        {"epoch", MarkerKind::Epoch}, {"eval", MarkerKind::Eval},
    };
    for (const auto &[name, kind] : kPhases) {
        const QLatin1String prefix(name);
        if (!key.startsWith(prefix) || key.size() <= prefix.size())
            continue;
        const QStringView edge = QStringView(key).sliced(prefix.size());
        if (edge == u"_start")
            return std::pair{kind, true};
        if (edge == u"_stop")
            return std::pair{kind, false};
    }
    return std::nullopt;
}

} // namespace

struct MlperfRunReader::File
{
    QString name;
    MlperfFileRole role = MlperfFileRole::Unknown;
    int index = 0;
    std::optional<double> startMs; // power_measurement_start
    std::optional<double> stopMs;
    std::optional<double> conversionEff;
    std::optional<double> interconnectW;
    std::vector<Reading> readings; // file order
    std::vector<PhaseEvent> phases;
    std::optional<double> runStartMs;
    std::optional<double> runStopMs;
    QSet<QByteArray> linesSeen;
    qint64 repeatedLines = 0;
    QList<ParseIssue> issues;

    MlperfFileRole effectiveRole() const
    {
        if (role != MlperfFileRole::Unknown)
            return role;
        return readings.empty() && !interconnectW ? MlperfFileRole::TrainingLog : MlperfFileRole::Node;
    }
};

struct MlperfRunReader::Series
{
    int channel = -1;
    const File *file = nullptr;
    std::vector<Reading> readings; // by time, stable
};

MlperfRunReader::MlperfRunReader() = default;
MlperfRunReader::~MlperfRunReader() = default;

int MlperfRunReader::addFile(const QString &name, MlperfFileRole role, int index)
{
    auto file = std::make_unique<File>();
    file->name = name;
    file->role = role;
    file->index = index;
    m_files.push_back(std::move(file));
    return int(m_files.size()) - 1;
}

void MlperfRunReader::addLine(int fileIndex, QByteArrayView line, qint64 lineNumber)
{
    File &file = *m_files[size_t(fileIndex)];
    const qsizetype at = line.indexOf(kToken);
    if (at < 0)
        return; // program output between the events
    // Anything before the token is a rank prefix ("3: "): the event itself is the same.
    const QByteArrayView json = line.sliced(at + kToken.size()).trimmed();
    const QByteArray key(json.data(), json.size());
    if (file.linesSeen.contains(key)) {
        // Power loggers write some lines twice: counting a reading twice would weigh it double.
        ++file.repeatedLines;
        return;
    }
    file.linesSeen.insert(key);
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(key, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        file.issues.append({lineNumber, QStringLiteral("an MLLOG line that is not one JSON object (%1); left out")
                                            .arg(error.errorString())});
        return;
    }
    const QJsonObject event = document.object();
    const QString name = event.value(u"key").toString();
    const std::optional<double> timeMs = number(event.value(u"time_ms"));
    if (!timeMs) {
        file.issues.append({lineNumber, QStringLiteral("MLLOG event \"%1\" without a time_ms; left out").arg(name)});
        return;
    }
    const QJsonValue value = event.value(u"value");
    const QJsonObject metadata = event.value(u"metadata").toObject();
    if (name == u"power_reading") {
        const std::optional<double> watts = number(value);
        if (!watts || !std::isfinite(*watts) || *watts < 0) {
            file.issues.append({lineNumber, QStringLiteral("a power_reading without a valid figure in watts; left out")});
            return;
        }
        file.readings.push_back({*timeMs, float(*watts)});
    } else if (name == u"power_measurement_start") {
        if (!file.startMs)
            file.startMs = *timeMs;
    } else if (name == u"power_measurement_stop") {
        if (!file.stopMs)
            file.stopMs = *timeMs;
    } else if (name == u"conversion_eff") {
        if (const auto factor = number(value); factor && *factor > 0 && *factor <= 1)
            file.conversionEff = *factor;
        else
            file.issues.append({lineNumber, QStringLiteral("a conversion_eff that is not a factor in (0, 1]; 1.0 is used")});
    } else if (name == u"interconnect_power_est") {
        if (const auto watts = number(value); watts && *watts >= 0)
            file.interconnectW = *watts;
        else
            file.issues.append({lineNumber, QStringLiteral("an interconnect_power_est without a figure in watts; left out")});
    } else if (const auto phase = phaseOf(name)) {
        PhaseEvent phaseEvent{phase->first, phase->second, *timeMs, std::nullopt};
        for (const char *epochKey : {"first_epoch_num", "epoch_num"}) {
            if (const auto epoch = number(metadata.value(QLatin1String(epochKey)))) {
                phaseEvent.number = qint64(*epoch);
                break;
            }
        }
        file.phases.push_back(phaseEvent);
        if (phase->first == MarkerKind::Run) {
            std::optional<double> &edge = phase->second ? file.runStartMs : file.runStopMs;
            if (!edge)
                edge = *timeMs;
        }
    }
}

const MlperfRunReader::File *MlperfRunReader::trainingLog() const
{
    for (const auto &file : m_files) {
        // A file read on its own may hold both the training events and power readings.
        const bool unknownWithPhases = file->role == MlperfFileRole::Unknown && !file->phases.empty();
        if (file->effectiveRole() == MlperfFileRole::TrainingLog || unknownWithPhases)
            return file.get();
    }
    return nullptr;
}

QString MlperfRunReader::where(const File &file) const
{
    return m_files.size() > 1 ? file.name + QStringLiteral(": ") : QString();
}

std::vector<MlperfRunReader::Series> MlperfRunReader::series(ParseSink &sink, double &originMs) const
{
    std::vector<const File *> nodes, switches;
    for (const auto &file : m_files) {
        const MlperfFileRole role = file->effectiveRole();
        if (role == MlperfFileRole::Node)
            nodes.push_back(file.get());
        else if (role == MlperfFileRole::Switch)
            switches.push_back(file.get());
    }
    const auto byIndex = [](const File *a, const File *b) { return a->index < b->index; };
    std::stable_sort(nodes.begin(), nodes.end(), byIndex);
    std::stable_sort(switches.begin(), switches.end(), byIndex);

    const auto sorted = [](std::vector<Reading> readings) {
        std::stable_sort(readings.begin(), readings.end(), [](const Reading &a, const Reading &b) { return a.timeMs < b.timeMs; });
        return readings;
    };
    std::vector<Series> out;
    double firstMs = std::numeric_limits<double>::infinity();
    double lastMs = -firstMs;
    for (const File *node : nodes) {
        Series s{sink.channel({QStringLiteral("node%1").arg(node->index), QStringLiteral("Node %1").arg(node->index),
                               ChannelRole::Component}),
                 node, sorted(node->readings)};
        if (!s.readings.empty()) {
            firstMs = std::min(firstMs, s.readings.front().timeMs);
            lastMs = std::max(lastMs, s.readings.back().timeMs);
        }
        out.push_back(std::move(s));
    }
    originMs = std::isfinite(firstMs) ? firstMs : 0;
    for (const File *sw : switches) {
        std::vector<Reading> readings = sorted(sw->readings);
        const bool onNodeClock = readings.empty() || !std::isfinite(firstMs)
                                 || (readings.back().timeMs >= firstMs && readings.front().timeMs <= lastMs);
        if (!onNodeClock) {
            // A switch logged on another clock (a time-zone offset has been seen): placing its
            // readings beside the nodes' would need a guess at the offset, and reading the run
            // window from it would find nothing, not zero watts.
            const double offsetH = (readings.front().timeMs - firstMs) / kMsPerS / 3600.0;
            sink.issue({0, QStringLiteral("%1its readings lie %2 h from the nodes' (another clock or time zone); "
                                          "left out of the run's time axis")
                               .arg(where(*sw)).arg(offsetH, 0, 'f', 1)});
            readings.clear();
        }
        QString label = QStringLiteral("Switch %1").arg(sw->index);
        if (readings.empty() && sw->interconnectW && std::isfinite(firstMs)) {
            // Only an estimate: it holds over the switch's measurement window, or the nodes' span
            // when that window is not on their clock.
            double from = sw->startMs.value_or(firstMs), to = sw->stopMs.value_or(lastMs);
            if (to < firstMs || from > lastMs || to <= from) {
                from = firstMs;
                to = lastMs;
            }
            readings = {{std::max(from, firstMs), float(*sw->interconnectW)}, {std::min(to, lastMs), float(*sw->interconnectW)}};
            label += QStringLiteral(" (interconnect_power_est)");
        }
        out.push_back({sink.channel({QStringLiteral("switch%1").arg(sw->index), label, ChannelRole::Component}), sw,
                       std::move(readings)});
    }
    return out;
}

void MlperfRunReader::report(ParseSink &sink) const
{
    for (const auto &file : m_files) {
        for (const ParseIssue &issue : file->issues)
            sink.issue({issue.line, where(*file) + issue.message});
        const MlperfFileRole role = file->effectiveRole();
        if (file->repeatedLines > 0 && (role == MlperfFileRole::Node || role == MlperfFileRole::Switch))
            sink.issue({0, QStringLiteral("%1%2 line(s) repeat an earlier line exactly; each counted once")
                               .arg(where(*file)).arg(file->repeatedLines)});
    }
    sink.setTiming(TimingKind::Points);
    double originMs = 0;
    const std::vector<Series> all = series(sink, originMs);
    sink.setClockAtZero(QDateTime::fromMSecsSinceEpoch(qint64(std::llround(originMs)), Qt::UTC));

    // One axis for every channel: each distinct time of any series, as many rows there as the
    // series with the most readings at it has. A series without a reading at a time inside its
    // own span gets the straight line between its neighbours: the trapezoid integration of that
    // series is then exactly what it is on its own, and the sum of the channels stays defined.
    std::vector<double> times;
    for (const Series &s : all) {
        for (const Reading &r : s.readings)
            times.push_back(r.timeMs);
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    std::vector<size_t> next(all.size(), 0);
    int channels = 0;
    for (const Series &s : all)
        channels = std::max(channels, s.channel + 1);
    std::vector<float> row(size_t(channels), kMissing);
    for (const double t : times) {
        size_t rows = 1;
        std::vector<std::pair<size_t, size_t>> here(all.size()); // [first, end) of readings at t
        for (size_t k = 0; k < all.size(); ++k) {
            const auto &readings = all[k].readings;
            size_t &i = next[k];
            while (i < readings.size() && readings[i].timeMs < t)
                ++i;
            size_t end = i;
            while (end < readings.size() && readings[end].timeMs == t)
                ++end;
            here[k] = {i, end};
            rows = std::max(rows, end - i);
        }
        for (size_t r = 0; r < rows; ++r) {
            for (size_t k = 0; k < all.size(); ++k) {
                const auto &readings = all[k].readings;
                const auto [first, end] = here[k];
                float value = kMissing;
                if (end > first) {
                    value = readings[std::min(first + r, end - 1)].watts;
                } else if (first > 0 && first < readings.size()) {
                    const Reading &a = readings[first - 1], &b = readings[first];
                    value = float(a.watts + (b.watts - a.watts) * (t - a.timeMs) / (b.timeMs - a.timeMs));
                }
                row[size_t(all[k].channel)] = value;
            }
            sink.sample((t - originMs) / kMsPerS, 0.0f, row, 0);
        }
        for (size_t k = 0; k < all.size(); ++k)
            next[k] = here[k].second;
    }
    reportMarkers(sink, originMs);

    for (const Series &s : all) {
        if (s.file->startMs && s.file->stopMs && *s.file->stopMs <= *s.file->startMs)
            sink.issue({0, QStringLiteral("%1power_measurement_stop is not after power_measurement_start; the "
                                          "energy score takes the last reading as the end of the window")
                               .arg(where(*s.file))});
    }
}

void MlperfRunReader::reportMarkers(ParseSink &sink, double originMs) const
{
    const File *log = trainingLog();
    if (!log)
        return;
    const auto axis = [originMs](double ms) { return (ms - originMs) / kMsPerS; };
    struct Open
    {
        std::optional<PhaseEvent> start;
        std::optional<double> lastEndMs;
        qint64 count = 0;
    };
    std::map<MarkerKind, Open> open;
    for (const PhaseEvent &event : log->phases) {
        Open &state = open[event.kind];
        if (event.start) {
            // Every rank prints the phase's events: the first start opens it, and a start of a
            // phase that already closed after it is another rank's copy.
            if (state.start || (state.lastEndMs && event.timeMs <= *state.lastEndMs))
                continue;
            state.start = event;
            continue;
        }
        if (!state.start)
            continue;
        const PhaseEvent start = *state.start;
        state.start.reset();
        state.lastEndMs = event.timeMs;
        ++state.count;
        Marker marker;
        marker.kind = event.kind;
        marker.startS = axis(start.timeMs);
        marker.endS = axis(std::max(event.timeMs, start.timeMs));
        switch (event.kind) {
        case MarkerKind::Run:
            marker.label = QStringLiteral("run");
            break;
        case MarkerKind::Init:
            marker.label = QStringLiteral("init");
            break;
        case MarkerKind::Epoch:
        case MarkerKind::Block:
            marker.label = QStringLiteral("%1 %2").arg(markerKindId(event.kind)).arg(start.number.value_or(state.count));
            break;
        default:
            marker.label = QStringLiteral("%1 %2").arg(markerKindId(event.kind)).arg(state.count);
            break;
        }
        sink.marker(marker);
    }
}

std::optional<MlperfRunScore> MlperfRunReader::score(QString *why) const
{
    const auto fail = [why](const QString &reason) {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    const File *log = trainingLog();
    if (!log || !log->runStartMs || !log->runStopMs)
        return fail(QStringLiteral("the training log has no run_start and run_stop"));
    MlperfRunScore score;
    score.timeToTrainS = (*log->runStopMs - *log->runStartMs) / kMsPerS;
    bool effsAgree = true;
    for (const auto &file : m_files) {
        const MlperfFileRole role = file->effectiveRole();
        const double eff = file->conversionEff.value_or(1.0);
        if (role == MlperfFileRole::Switch && file->interconnectW) {
            ++score.switches;
            score.energyJ += *file->interconnectW * eff * score.timeToTrainS;
            continue;
        }
        if (role != MlperfFileRole::Node && role != MlperfFileRole::Switch)
            continue;
        if (role == MlperfFileRole::Node) {
            ++score.nodes;
            if (score.conversionEff && *score.conversionEff != eff)
                effsAgree = false;
            score.conversionEff = eff;
        } else {
            ++score.switches;
        }
        if (!file->startMs || !file->stopMs)
            return fail(QStringLiteral("%1 has no power_measurement_start and power_measurement_stop").arg(file->name));
        std::vector<Reading> readings = file->readings;
        std::stable_sort(readings.begin(), readings.end(), [](const Reading &a, const Reading &b) { return a.timeMs < b.timeMs; });
        double stopMs = *file->stopMs;
        if (stopMs <= *file->startMs && !readings.empty())
            stopMs = std::max(stopMs, readings.back().timeMs); // as MLCommons' earlier rule did
        if (stopMs <= *file->startMs)
            return fail(QStringLiteral("%1: its power measurement window is empty").arg(file->name));
        double wattMs = 0;
        double previousMs = *file->startMs;
        for (const Reading &r : readings) {
            if (r.timeMs < *file->startMs || r.timeMs > stopMs)
                continue;
            wattMs += double(r.watts) * (r.timeMs - previousMs);
            previousMs = r.timeMs;
        }
        score.energyJ += wattMs / (stopMs - *file->startMs) * eff * score.timeToTrainS;
    }
    if (score.nodes == 0)
        return fail(QStringLiteral("the run has no node power file"));
    if (!effsAgree)
        score.conversionEff.reset();
    return score;
}

MlperfParser::MlperfParser()
    : m_ownRun(std::make_unique<MlperfRunReader>())
    , m_run(m_ownRun.get())
{
    m_file = m_run->addFile(QString(), MlperfFileRole::Unknown, 0);
}

MlperfParser::MlperfParser(MlperfRunReader *run, int file)
    : m_run(run)
    , m_file(file)
{
}

int MlperfParser::sniff(QByteArrayView head)
{
    // The token starts a line, or follows a rank prefix ("0: "); JSON lines of other tools
    // never carry it.
    return head.contains(":::MLLOG {") ? 95 : 0;
}

void MlperfParser::parseLine(QByteArrayView line, qint64 lineNumber)
{
    m_run->addLine(m_file, line, lineNumber);
}

void MlperfParser::endOfInput()
{
    if (m_ownRun)
        m_run->report(*sink());
}

} // namespace nightwatt

namespace nightwatt {

std::optional<double> mlperfBenchmarkEnergyJ(QList<std::pair<double, double>> timeAndEnergy, double scalingFactor)
{
    if (timeAndEnergy.size() < 3)
        return std::nullopt;
    std::stable_sort(timeAndEnergy.begin(), timeAndEnergy.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    double sum = 0;
    for (qsizetype i = 1; i + 1 < timeAndEnergy.size(); ++i)
        sum += timeAndEnergy[i].second;
    return sum / double(timeAndEnergy.size() - 2) * scalingFactor;
}

} // namespace nightwatt
