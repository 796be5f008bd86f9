#include "formats/powermetricstextparser.h"

#include "formats/powervalue.h"
#include "io/messagetext.h"

#include <QByteArrayMatcher>
#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <cstring>
#include <limits>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace nightwatt {

namespace {

constexpr QByteArrayView kSampleHeader = "*** Sampled system activity (";
constexpr QByteArrayView kIntelPackage = "Intel energy model derived package power (CPUs+GT+SA):";

struct KnownPowerLine
{
    QByteArrayView prefix; // up to and including the colon
    const char *id;
    const char *label;
    ChannelRole role;
};

// Cluster lines ("E-Cluster Power", "P0-Cluster Power") are matched separately: they are parts of
// the CPU figure and kept only as auxiliary channels.
constexpr KnownPowerLine kPowerLines[] = {
    {"CPU Power:", "cpu", "CPU", ChannelRole::Component},
    {"GPU Power:", "gpu", "GPU", ChannelRole::Component},
    {"ANE Power:", "ane", "ANE", ChannelRole::Component},
    {"DRAM Power:", "dram", "DRAM", ChannelRole::Auxiliary},
    {"Package Power:", "package", "Package (reported)", ChannelRole::ReportedTotal},
    {"Combined Power (CPU + GPU + ANE):", "combined", "Combined (reported)", ChannelRole::ReportedTotal},
    {kIntelPackage, "package", "Package (reported)", ChannelRole::ReportedTotal},
};

QString text(QByteArrayView bytes)
{
    return QString::fromUtf8(bytes.data(), bytes.size());
}

// "Tue Aug 16 23:39:54 2022 +0200" (day space-padded). Only read once per invocation, so the
// cost of QDateTime parsing does not matter.
QDateTime parseHeaderClock(QByteArrayView stamp)
{
    const QString simplified = text(stamp).simplified();
    const qsizetype lastSpace = simplified.lastIndexOf(u' ');
    if (lastSpace < 0)
        return {};
    const QString offset = simplified.mid(lastSpace + 1);
    QDateTime clock = QLocale::c().toDateTime(simplified.left(lastSpace), QStringLiteral("ddd MMM d HH:mm:ss yyyy"));
    if (!clock.isValid() || offset.size() != 5 || (offset[0] != u'+' && offset[0] != u'-'))
        return {};
    bool okHours = false, okMinutes = false;
    const int hours = offset.mid(1, 2).toInt(&okHours);
    const int minutes = offset.mid(3, 2).toInt(&okMinutes);
    if (!okHours || !okMinutes)
        return {};
    const int sign = offset[0] == u'-' ? -1 : 1;
    clock.setTimeZone(QTimeZone(sign * (hours * 3600 + minutes * 60)));
    return clock;
}

// "6196 mW" (Apple silicon) or "12.39W" (Intel) after the name: the number, and its scale to watts.
QByteArrayView powerValueText(QByteArrayView line, qsizetype valueStart, double *scale)
{
    QByteArrayView valueText = line.sliced(valueStart).trimmed();
    *scale = 1.0;
    if (valueText.endsWith("mW")) {
        *scale = 0.001;
        valueText.chop(2);
    } else {
        valueText.chop(1);
    }
    return valueText;
}

// The colon is a few bytes from the end ("CPU Power: 6196 mW"): look for it from there, the last
// 16 bytes at once. -1: none.
qsizetype lastColon(QByteArrayView line)
{
    qsizetype searched = line.size();
#if defined(__SSE2__)
    if (line.size() >= 16) {
        const __m128i last16 = _mm_loadu_si128(reinterpret_cast<const __m128i *>(line.data() + line.size() - 16));
        const unsigned colons = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(last16, _mm_set1_epi8(':'))));
        if (colons)
            return line.size() - 16 + (31 - __builtin_clz(colons));
        searched = line.size() - 16;
    }
#endif
    for (qsizetype at = searched - 1; at >= 0; --at) {
        if (line[at] == ':')
            return at;
    }
    return -1;
}

bool isClusterPowerPrefix(QByteArrayView name)
{
    // "E-Cluster", "P-Cluster", "P0-Cluster", "E1-Cluster"
    return name.endsWith("-Cluster") && name.size() <= 11 && (name.front() == 'E' || name.front() == 'P');
}

} // namespace

PowermetricsTextParser::PowermetricsTextParser()
{
    // Sample headers, the preamble (Machine model, OS version) and power lines ("... mW", "...W").
    setLineFilter({kSampleHeader, "Machine model:", "OS version:"}, "W");
}

int PowermetricsTextParser::sniff(QByteArrayView head)
{
    if (head.contains(kSampleHeader))
        return 90;
    if (head.contains("Machine model:") && head.contains("OS version:"))
        return 60;
    if (head.contains(kIntelPackage))
        return 80;
    // grep'ed logs: nothing but "CPU Power: N mW" / "GPU Power: N mW" lines
    if ((head.startsWith("CPU Power:") || head.startsWith("GPU Power:") || head.contains("\nCPU Power:")
         || head.contains("\nGPU Power:"))
        && head.contains(" mW"))
        return 70;
    return 0;
}

qsizetype PowermetricsTextParser::splitPoint(QByteArrayView bytes, qsizetype from) const
{
    if (from <= 0 || from >= bytes.size())
        return -1;
    const QByteArrayMatcher header(QByteArrayView("\n") + kSampleHeader);
    const qsizetype at = header.indexIn(bytes, from);
    return at < 0 ? -1 : at + 1;
}

bool PowermetricsTextParser::read(QByteArrayView line, ReadLine &read)
{
    if (line.isEmpty())
        return false;
    const char first = line.front();
    if (first == '*') {
        // Section titles ("*** Running tasks ***", "**** GPU usage ****") start the same way.
        if (line.size() < kSampleHeader.size() || line[4] != kSampleHeader[4] || !line.startsWith(kSampleHeader))
            return false;
        // header: "Tue Aug 16 23:39:54 2022 +0200) (5006.24ms elapsed) ***"
        const QByteArrayView header = line.sliced(kSampleHeader.size());
        // std::string_view's search starts with memchr: faster than Qt's for a 3-byte needle.
        const size_t stampEndAt = std::string_view(header.data(), size_t(header.size())).find(") (");
        const qsizetype stampEnd = stampEndAt == std::string_view::npos ? -1 : qsizetype(stampEndAt);
        // Nearly every header ends "...ms elapsed) ***": no search for that one.
        constexpr QByteArrayView kElapsedEnd = "ms elapsed) ***";
        const qsizetype elapsedEnd = header.endsWith(kElapsedEnd) ? header.size() - kElapsedEnd.size() : header.lastIndexOf("ms elapsed)");
        read.kind = ReadLine::Kind::SampleHeader;
        read.text = header;
        read.split = int(stampEnd);
        if (stampEnd > 0 && elapsedEnd > stampEnd + 3)
            read.hasNumber = parseNumber(header.sliced(stampEnd + 3, elapsedEnd - stampEnd - 3), read.number);
        return true;
    }
    if (first == 'M' && line.startsWith("Machine model:")) {
        read.kind = ReadLine::Kind::MachineModel;
        read.text = line.sliced(14).trimmed();
        return true;
    }
    if (first == 'O' && line.startsWith("OS version:")) {
        read.kind = ReadLine::Kind::OsVersion;
        read.text = line.sliced(11).trimmed();
        return true;
    }
    // Power lines end in "mW" (Apple silicon) or "W" (Intel); almost nothing else does.
    if (line.back() != 'W')
        return false;
    const qsizetype colon = lastColon(line);
    if (colon <= 0)
        return false;
    read.kind = ReadLine::Kind::Power;
    read.text = line;
    read.split = int(colon + 1);
    // powerValueText() without its trimming calls: the same figure, for every power line.
    const char *valueBegin = line.data() + colon + 1;
    const char *valueEnd = line.data() + line.size();
    const auto isSpace = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }; // trimmed()'s set
    while (valueBegin < valueEnd && isSpace(*valueBegin))
        ++valueBegin;
    if (valueEnd - valueBegin >= 2 && valueEnd[-2] == 'm') {
        read.scale = 0.001;
        valueEnd -= 2;
    } else {
        valueEnd -= 1;
    }
    while (valueEnd > valueBegin && isSpace(valueEnd[-1]))
        --valueEnd;
    read.hasNumber = parseNumber(QByteArrayView(valueBegin, valueEnd - valueBegin), read.number);
    return true;
}

void PowermetricsTextParser::parseLine(QByteArrayView line, qint64 lineNumber)
{
    ReadLine readLine;
    if (!read(line, readLine))
        return;
    readLine.line = lineNumber;
    if (!isTail()) {
        apply(readLine, readLine.kind == ReadLine::Kind::Power ? channelFor(line.first(readLine.split)) : -1);
        return;
    }
    bool keep = false;
    switch (readLine.kind) {
    case ReadLine::Kind::SampleHeader: {
        // The clock stamp is read only when the header starts an invocation: the head's state
        // decides that for the tail's first valid header, a preamble for later ones.
        keep = !m_tailSawValidHeader || m_tailSawPreamble;
        if (keep)
            readLine.text = readLine.text.first(std::max(readLine.split, 0));
        if (readLine.hasNumber && readLine.number > 0 && readLine.number <= 1.0e9) {
            m_tailSawValidHeader = true;
            m_tailSawPreamble = false;
        }
        break;
    }
    case ReadLine::Kind::MachineModel:
        m_tailSawPreamble = true;
        keep = true;
        break;
    case ReadLine::Kind::OsVersion:
        keep = true;
        break;
    case ReadLine::Kind::Power: {
        // Names repeat every sample; keeping each once lets the replay leave the input alone.
        const QByteArrayView name = line.first(readLine.split);
        constexpr size_t kMaxTailNames = 64;
        if (const KnownName *known = findName(m_tailNames, name, m_tailNameGuess)) {
            readLine.name = known->value;
        } else if (m_tailNames.size() < kMaxTailNames) {
            readLine.name = int(m_tailNames.size());
            m_tailNames.push_back({QByteArray(name.data(), name.size()), nameKey(name), readLine.name});
        }
        keep = readLine.name < 0 || !readLine.hasNumber; // the line is read again for the name or the issue
        break;
    }
    case ReadLine::Kind::Spacer:
        return;
    }
    qint64 lineDelta = readLine.line - m_tailLastLine;
    constexpr qint32 kMaxDelta = std::numeric_limits<qint32>::max();
    for (; lineDelta > kMaxDelta; lineDelta -= kMaxDelta)
        addNote({0.0, kMaxDelta, ReadLine::Kind::Spacer, 0, -1});
    m_tailLastLine = readLine.line;
    if (keep) {
        m_tailNotes.kept.push_back({m_tailNotes.text.size(), qint32(readLine.text.size()), qint32(readLine.split)});
        m_tailNotes.text.append(readLine.text.data(), readLine.text.size());
    }
    addNote({readLine.number, qint32(lineDelta), readLine.kind,
             quint8((readLine.hasNumber ? 1 : 0) | (readLine.scale != 1.0 ? 2 : 0) | (keep ? 4 : 0)), qint8(readLine.name)});
}

void PowermetricsTextParser::addNote(const Note &note)
{
    static_assert(sizeof(Note) == 16, "a note per power line of the tail: keep it small");
    std::vector<std::vector<Note>> &blocks = m_tailNotes.notes;
    if (blocks.empty() || blocks.back().size() == kNotesPerBlock)
        blocks.emplace_back().reserve(kNotesPerBlock);
    blocks.back().push_back(note);
}

bool PowermetricsTextParser::replayTail(LineLogParser &tail, qint64 lineOffset)
{
    auto *other = dynamic_cast<PowermetricsTextParser *>(&tail);
    if (!other)
        return false;
    const TailNotes notes = std::exchange(other->m_tailNotes, {});
    auto kept = notes.kept.cbegin();
    // Each of the tail's names is resolved once, at its first use (channels are made in the order
    // a single reader makes them).
    constexpr int kUnresolved = -2;
    std::vector<int> channelOfName(other->m_tailNames.size(), kUnresolved);
    qint64 replayedLines = 0;
    for (const std::vector<Note> &block : notes.notes) {
        for (const Note &note : block) {
            replayedLines += note.lineDelta;
            if (note.kind == ReadLine::Kind::Spacer)
                continue;
            ReadLine read;
            read.kind = note.kind;
            read.hasNumber = note.flags & 1;
            read.scale = note.flags & 2 ? 0.001 : 1.0;
            read.name = note.name;
            read.number = note.number;
            read.line = replayedLines + lineOffset;
            if (note.flags & 4) {
                read.text = QByteArrayView(notes.text).sliced(kept->offset, kept->length);
                read.split = kept->split;
                ++kept;
            }
            int channel = -1;
            if (read.kind == ReadLine::Kind::Power) {
                if (read.name < 0) {
                    channel = channelFor(read.text.first(read.split));
                } else {
                    int &known = channelOfName[size_t(read.name)];
                    if (known == kUnresolved)
                        known = channelFor(other->m_tailNames[size_t(read.name)].name);
                    channel = known;
                }
            }
            apply(read, channel);
        }
    }
    return true;
}

void PowermetricsTextParser::apply(const ReadLine &read, int powerChannel)
{
    switch (read.kind) {
    case ReadLine::Kind::SampleHeader:
        startSample(read);
        return;
    case ReadLine::Kind::MachineModel:
        m_newInvocation = true;
        sink()->metadata(QStringLiteral("machine_model"), text(read.text));
        return;
    case ReadLine::Kind::OsVersion:
        sink()->metadata(QStringLiteral("os_version"), text(read.text));
        return;
    case ReadLine::Kind::Power:
        handlePowerLine(read, powerChannel);
        return;
    case ReadLine::Kind::Spacer:
        return;
    }
}

void PowermetricsTextParser::parseUnterminatedLine(QByteArrayView line, qint64 lineNumber)
{
    // The sampler may have been stopped mid-write: "CPU Power: 61" may be the start of "6196 mW".
    // A power line is whole once its unit is there, a sample header once it is closed.
    const bool cut = line.startsWith(kSampleHeader) ? !line.endsWith("elapsed) ***") : line.contains("Power") && line.back() != 'W';
    if (cut) {
        reportIssue(lineNumber, QStringLiteral("last line is cut off (no newline at end of file); ignored"));
        return;
    }
    parseLine(line, lineNumber);
}

void PowermetricsTextParser::startSample(const ReadLine &header)
{
    const qint64 lineNumber = header.line;
    flushSample();
    if (m_mode == Mode::HeaderlessLines) {
        reportIssue(lineNumber, QStringLiteral("sample header in a log of bare power lines; timing ignored"));
        return;
    }
    if (m_mode == Mode::Unknown) {
        m_mode = Mode::Sampled;
        sink()->setTiming(TimingKind::Windowed);
    }

    if (!header.hasNumber || !(header.number > 0) || header.number > 1.0e9) {
        reportIssue(lineNumber, QStringLiteral("sample header without a valid elapsed time; sample skipped"));
        return;
    }
    const double elapsedMs = header.number;
    m_sampleWindowS = elapsedMs / 1000.0;
    m_sampleStartS = m_axisEndS;

    if (m_newInvocation) {
        // Within one invocation the axis is the sum of the exact `elapsed` windows (headers only
        // have 1-s resolution). A later invocation appended to the same file starts where its
        // header clock says, so the pause between runs shows as a gap, not as measured time.
        const QDateTime clock = parseHeaderClock(header.text.first(header.split));
        if (clock.isValid()) {
            const QDateTime windowStart = clock.addMSecs(-qint64(elapsedMs));
            if (!m_clockAtZero.isValid()) {
                m_clockAtZero = windowStart;
                sink()->setClockAtZero(windowStart);
            } else {
                const double sinceZeroS = double(m_clockAtZero.msecsTo(windowStart)) / 1000.0;
                m_sampleStartS = std::max(m_axisEndS, sinceZeroS);
            }
        }
        m_newInvocation = false;
    }
    m_axisEndS = m_sampleStartS + m_sampleWindowS;
    m_sampleOpen = true;
    m_sampleLine = lineNumber;
}

void PowermetricsTextParser::handlePowerLine(const ReadLine &power, int channel)
{
    const qint64 lineNumber = power.line;
    if (channel < 0)
        return;

    if (m_mode == Mode::Unknown) {
        m_mode = Mode::HeaderlessLines;
        sink()->setTiming(TimingKind::None);
    }

    if (m_mode == Mode::Sampled && !m_sampleOpen) {
        reportIssue(lineNumber, QStringLiteral("power line before the first sample header; ignored"));
        return;
    }
    if (m_seenInSample[size_t(channel)]) {
        // With headers, a repeated line is the same figure printed again (GPU Power appears in
        // both the processor and the GPU section). Without headers, it starts the next sample.
        if (m_mode == Mode::Sampled)
            return;
        flushSample();
    }
    if (m_mode == Mode::HeaderlessLines && !m_sampleOpen) {
        m_sampleOpen = true;
        m_sampleLine = lineNumber;
    }
    m_seenInSample[size_t(channel)] = true;

    if (!power.hasNumber) {
        double scale = 1.0;
        const QByteArrayView valueText = powerValueText(power.text, power.split, &scale);
        reportIssue(lineNumber, QStringLiteral("%1 value %2 is not a number; left out").arg(m_labels[size_t(channel)], quoteInput(valueText)));
        return;
    }
    const double watts = power.number * power.scale;
    if (!(watts >= 0 && watts <= kMaxPlausiblePowerW)) {
        reportIssue(lineNumber, QStringLiteral("%1: %2; left out").arg(m_labels[size_t(channel)], implausiblePowerReason(watts)));
        return;
    }
    setValue(channel, watts);
}

int PowermetricsTextParser::channelFor(QByteArrayView name)
{
    // Power lines repeat every sample: resolve each distinct line name to a channel once.
    if (const KnownName *known = findName(m_channelByName, name, m_channelNameGuess))
        return known->value;
    ChannelInfo info;
    bool found = false;
    for (const auto &candidate : kPowerLines) {
        if (name == candidate.prefix) {
            info = {QString::fromLatin1(candidate.id), QString::fromLatin1(candidate.label), candidate.role};
            found = true;
            break;
        }
    }
    if (!found && name.endsWith(" Power:") && isClusterPowerPrefix(name.chopped(7))) {
        const QString cluster = text(name.chopped(7));
        info = {cluster.toLower().replace(u'-', u'_'), cluster, ChannelRole::Auxiliary};
        found = true;
    }
    const int channel = found ? sink()->channel(info) : -1;
    if (channel >= 0 && size_t(channel) >= m_values.size()) {
        m_values.resize(size_t(channel) + 1, kMissing);
        m_seenInSample.resize(size_t(channel) + 1, 0);
        m_labels.resize(size_t(channel) + 1);
    }
    if (channel >= 0)
        m_labels[size_t(channel)] = info.label;
    // Unknown names are remembered too, so lines such as "Backlight power: 3W" cost one compare;
    // a bounded number of them, so a file of garbage cannot make every line a long search.
    constexpr size_t kMaxRememberedNames = 64;
    if (channel >= 0 || m_channelByName.size() < kMaxRememberedNames)
        m_channelByName.push_back({QByteArray(name.data(), name.size()), nameKey(name), channel});
    return channel;
}

PowermetricsTextParser::NameKey PowermetricsTextParser::nameKey(QByteArrayView name)
{
    NameKey key;
    key.size = name.size();
    constexpr qsizetype kWord = sizeof key.head;
    if (name.size() >= kWord) {
        std::memcpy(&key.head, name.data(), kWord);
        std::memcpy(&key.tail, name.data() + name.size() - kWord, kWord);
    } else {
        for (qsizetype i = 0; i < name.size(); ++i)
            key.head |= quint64(static_cast<unsigned char>(name[i])) << (8 * i);
    }
    return key;
}

const PowermetricsTextParser::KnownName *PowermetricsTextParser::findName(const std::vector<KnownName> &names, QByteArrayView name,
                                                                          size_t &guess)
{
    const NameKey key = nameKey(name);
    constexpr qsizetype kKeyBytes = 2 * sizeof key.head;
    const auto matches = [&](const KnownName &known) {
        return known.key == key
               && (name.size() <= kKeyBytes || std::memcmp(known.name.constData(), name.data(), size_t(name.size())) == 0);
    };
    const auto found = [&](size_t index) {
        guess = index + 1 < names.size() ? index + 1 : 0;
        return &names[index];
    };
    if (guess < names.size() && matches(names[guess]))
        return found(guess);
    for (size_t i = 0; i < names.size(); ++i) {
        if (matches(names[i]))
            return found(i);
    }
    return nullptr;
}

void PowermetricsTextParser::setValue(int channel, double watts)
{
    m_values[size_t(channel)] = float(watts);
}

void PowermetricsTextParser::flushSample()
{
    if (!m_sampleOpen)
        return;
    m_sampleOpen = false;
    const bool anyValue = std::any_of(m_values.begin(), m_values.end(), [](float v) { return !isMissing(v); });
    if (anyValue) {
        m_linesInLastSample.clear();
        for (size_t c = 0; c < m_seenInSample.size(); ++c) {
            if (m_seenInSample[c])
                m_linesInLastSample.push_back(int(c));
        }
        if (m_mode == Mode::Sampled)
            sink()->sample(m_sampleStartS, float(m_sampleWindowS), m_values, m_sampleLine);
        else
            sink()->sample(double(m_headerlessIndex++), 0.0f, m_values, m_sampleLine);
        ++m_samplesEmitted;
    }
    std::fill(m_values.begin(), m_values.end(), kMissing);
    std::fill(m_seenInSample.begin(), m_seenInSample.end(), 0);
}

void PowermetricsTextParser::endOfInput()
{
    if (m_sampleOpen && m_samplesEmitted > 0) {
        // A sampler killed mid-write leaves a last sample that stops part-way: keep it only if it
        // has every power line the sample before it had.
        const bool complete = std::all_of(m_linesInLastSample.begin(), m_linesInLastSample.end(),
                                          [this](int c) { return size_t(c) < m_seenInSample.size() && m_seenInSample[size_t(c)]; });
        if (!complete) {
            reportIssue(m_sampleLine, QStringLiteral("last sample is cut off (the log ends part-way through it); left out"));
            m_sampleOpen = false;
            std::fill(m_values.begin(), m_values.end(), kMissing);
            return;
        }
    }
    flushSample();
}

} // namespace nightwatt
