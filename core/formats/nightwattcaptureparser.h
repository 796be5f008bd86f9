#pragma once

#include "formats/logparser.h"

#include <QByteArray>
#include <QDateTime>

#include <span>
#include <vector>

namespace nightwatt {

// Nightwatt's own capture log, written for sources that have no text format of their own (Linux
// RAPL counters). One record per line, fields separated by a tab:
//
//   nightwatt-capture	1                         first line: magic and version
//   clock	2026-11-27T10:00:00.000Z              wall clock at t = 0 (ISO 8601)
//   timing	windowed|points|none
//   meta	KEY	VALUE
//   channel	ID	component|total|auxiliary	LABEL    declares the next value column
//   sample	T_S	WINDOW_S	W0	W1 ...            watts per declared channel; "-" = missing
//   marker	KIND	START_S	END_S	LABEL             a phase of the run, or an instant when END_S is "-";
//                                                KIND as markerKindId() ("epoch", "eval", "marker", ...)
//
// Lines starting with '#' are comments. Channels may be declared at any point; a sample carries one
// value per channel declared before it (fewer = the rest missing).
class NightwattCaptureParser final : public LineLogParser
{
public:
    static int sniff(QByteArrayView head);

protected:
    void parseLine(QByteArrayView line, qint64 lineNumber) override;
    void parseUnterminatedLine(QByteArrayView line, qint64 lineNumber) override;

private:
    void parseChannel(const QList<QByteArrayView> &fields, qint64 lineNumber);
    void parseSample(const QList<QByteArrayView> &fields, qint64 lineNumber);
    void parseMarker(const QList<QByteArrayView> &fields, qint64 lineNumber);

    bool m_sawMagic = false;
    bool m_warnedUnknown = false;
    std::vector<int> m_sinkIndex; // declared column -> sink channel index
    std::vector<float> m_values;
};

// Writes the lines NightwattCaptureParser reads back.
namespace NightwattCaptureWriter {
QByteArray header();
QByteArray clock(const QDateTime &clockAtZero);
QByteArray timing(TimingKind timing);
QByteArray meta(const QString &key, const QString &value);
QByteArray channel(const ChannelInfo &info);
QByteArray sample(double timeS, double windowS, std::span<const float> values);
QByteArray marker(const Marker &marker);
} // namespace NightwattCaptureWriter

} // namespace nightwatt
