#pragma once

// Deterministic exporter data for the Prometheus tests, shaped like the real exporters (names,
// labels, units as dcgm-exporter, node_exporter, Scaphandre and Kepler document them) and simple
// enough that every energy can be worked out by hand.
//
// Grid: 960 samples every 15 s, the last at kEnd; sample i is at kStart + 15 i.
//  - DCGM: hosts node1, node2 with GPUs 0 and 1. Power P = Pa = 100 h + 10 g W for i < 480, then
//    2 Pa. The mJ energy counter grows by P(i) * 15 s * 1000 at sample i, so the energy over
//    (t[i-1], t[i]] is P(i) * 15 J. node2 GPU 1's counter restarts from zero at i = 600.
//  - RAPL: per host, package 50 W and dram 5 W counters (J). node1's package counter wraps once
//    like real RAPL (max_energy_range 262143.328850 J) between i = 100 and 101 (j: M - 250 -> 500),
//    and no other counter wraps.
//  - Scaphandre: node1 host power 200 W (uW gauge) and its uJ energy counter.
//  - Kepler >= 0.10: node1 zones package 40 W, core 30 W (inside package), dram 4 W; GPU 0 100 W.
//  - test_power_watts{instance="nanbox:1"}: 10 W, except NaN at i = 10, +Inf at i = 20 and -5 at
//    i = 30.
//  - test_energy_joules_total{instance="gapbox:1"}: a 10 W counter with no samples for i in
//    [200, 240) (10 min, longer than Prometheus' 5 min lookback).

#include <QByteArray>
#include <QString>

namespace testing {

inline constexpr qint64 kEnd = 1700006400; // 2023-11-15T00:00:00Z
inline constexpr int kStepS = 15;
inline constexpr int kSamples = 960;
inline constexpr qint64 kStart = kEnd - qint64(kSamples - 1) * kStepS; // 1699992015
inline constexpr int kHalf = 480;
inline constexpr int kResetAt = 600;
inline constexpr double kRaplMax = 262143.328850;

inline double gpuPower(int host, int gpu, int i)
{
    const double pa = 100.0 * host + 10.0 * gpu;
    return i < kHalf ? pa : 2.0 * pa;
}

inline QByteArray powerOpenMetrics()
{
    QByteArray out;
    auto ts = [](int i) { return QByteArray::number(kStart + qint64(i) * kStepS); };
    auto gpuLabels = [](int host, int gpu) {
        return QStringLiteral("{gpu=\"%2\",UUID=\"GPU-%1%2\",device=\"nvidia%2\",modelName=\"NVIDIA H100 80GB HBM3\",Hostname=\"node%1\",instance=\"node%1:9400\",job=\"dcgm-exporter\"}")
            .arg(host).arg(gpu).toUtf8();
    };
    out += "# HELP DCGM_FI_DEV_POWER_USAGE Power draw (in W).\n# TYPE DCGM_FI_DEV_POWER_USAGE gauge\n";
    for (int h = 1; h <= 2; ++h)
        for (int g = 0; g <= 1; ++g)
            for (int i = 0; i < kSamples; ++i)
                out += "DCGM_FI_DEV_POWER_USAGE" + gpuLabels(h, g) + ' ' + QByteArray::number(gpuPower(h, g, i)) + ' ' + ts(i) + '\n';
    out += "# HELP DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION Total energy consumption since boot (in mJ).\n"
           "# TYPE DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION counter\n";
    for (int h = 1; h <= 2; ++h) {
        for (int g = 0; g <= 1; ++g) {
            double e = 1.0e9 * (h + g);
            for (int i = 0; i < kSamples; ++i) {
                if (i > 0)
                    e += gpuPower(h, g, i) * kStepS * 1000.0;
                if (h == 2 && g == 1 && i == kResetAt)
                    e = gpuPower(h, g, i) * kStepS * 1000.0; // driver reload: counting from zero again
                out += "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION" + gpuLabels(h, g) + ' ' + QByteArray::number(e, 'f', 0) + ' ' + ts(i) + '\n';
            }
        }
    }
    for (const auto &[zone, watts] : {std::pair{"package", 50.0}, std::pair{"dram", 5.0}}) {
        const QByteArray family = QByteArray("node_rapl_") + zone + "_joules";
        out += "# HELP " + family + " Current RAPL value in joules\n# TYPE " + family + " counter\n";
        for (int h = 1; h <= 2; ++h) {
            bool wraps = h == 1 && QByteArray(zone) == "package";
            double j = wraps ? kRaplMax - 100 * watts * kStepS - 250.0 : 1000.0 * h;
            for (int i = 0; i < kSamples; ++i) {
                if (i > 0)
                    j += watts * kStepS;
                if (wraps && j > kRaplMax) {
                    j -= kRaplMax; // once only, so the loss stays easy to work out
                    wraps = false;
                }
                out += family + "_total{index=\"0\",path=\"/sys/class/powercap/intel-rapl:0\",instance=\"node" + QByteArray::number(h)
                     + ":9100\",job=\"node\"} " + QByteArray::number(j, 'f', 6) + ' ' + ts(i) + '\n';
            }
        }
    }
    out += "# TYPE scaph_host_power_microwatts gauge\n";
    for (int i = 0; i < kSamples; ++i)
        out += "scaph_host_power_microwatts{instance=\"node1:8080\",job=\"scaphandre\"} 200000000 " + ts(i) + '\n';
    out += "# TYPE scaph_host_energy_microjoules counter\n";
    for (int i = 0; i < kSamples; ++i)
        out += "scaph_host_energy_microjoules{instance=\"node1:8080\",job=\"scaphandre\"} " + QByteArray::number(200.0e6 * kStepS * i, 'f', 0) + ' ' + ts(i) + '\n';
    out += "# TYPE kepler_node_cpu_joules counter\n";
    for (const auto &[zone, watts] : {std::pair{"package", 40.0}, std::pair{"core", 30.0}, std::pair{"dram", 4.0}}) {
        for (int i = 0; i < kSamples; ++i)
            out += QByteArray("kepler_node_cpu_joules_total{zone=\"") + zone + "\",path=\"/sys/class/powercap/intel-rapl:0\",node_name=\"node1\",instance=\"node1:28282\",job=\"kepler\"} "
                 + QByteArray::number(watts * kStepS * i, 'f', 3) + ' ' + ts(i) + '\n';
    }
    out += "# TYPE kepler_node_gpu_joules counter\n";
    for (int i = 0; i < kSamples; ++i)
        out += "kepler_node_gpu_joules_total{gpu=\"0\",node_name=\"node1\",instance=\"node1:28282\",job=\"kepler\"} " + QByteArray::number(100.0 * kStepS * i, 'f', 3) + ' ' + ts(i) + '\n';
    out += "# TYPE test_power_watts gauge\n";
    for (int i = 0; i < kSamples; ++i)
        out += "test_power_watts{instance=\"nanbox:1\"} " + QByteArray(i == 10 ? "NaN" : i == 20 ? "+Inf" : i == 30 ? "-5" : "10") + ' ' + ts(i) + '\n';
    out += "# TYPE test_energy_joules counter\n";
    for (int i = 0; i < kSamples; ++i) {
        if (i < 200 || i >= 240)
            out += "test_energy_joules_total{instance=\"gapbox:1\"} " + QByteArray::number(10.0 * kStepS * i, 'f', 0) + ' ' + ts(i) + '\n';
    }
    out += "# EOF\n";
    return out;
}

// Data around the wall clock, for live polling (an instant query at "now" sees the newest sample
// within the 5 min lookback; promtool and Prometheus 2.42 take future samples too). From
// nowS - 300 to nowS + 900: the DCGM gauge at the same GPU powers as above before kHalf
// (node1 100 + 110 W, node2 200 + 210 W: 620 W in all), every 1 s, and the mJ energy counter of
// the same powers every 0.1 s, so an increase between two polls is within 0.1 s of exact.
inline QByteArray liveOpenMetrics(qint64 nowS)
{
    QByteArray out;
    auto gpuLabels = [](int host, int gpu) {
        return QStringLiteral("{gpu=\"%2\",Hostname=\"node%1\",instance=\"node%1:9400\",job=\"dcgm-exporter\"}").arg(host).arg(gpu).toUtf8();
    };
    const qint64 from = nowS - 300;
    const qint64 to = nowS + 900;
    out += "# TYPE DCGM_FI_DEV_POWER_USAGE gauge\n";
    for (int h = 1; h <= 2; ++h)
        for (int g = 0; g <= 1; ++g)
            for (qint64 t = from; t <= to; ++t)
                out += "DCGM_FI_DEV_POWER_USAGE" + gpuLabels(h, g) + ' ' + QByteArray::number(gpuPower(h, g, 0)) + ' ' + QByteArray::number(t) + '\n';
    out += "# TYPE DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION counter\n";
    for (int h = 1; h <= 2; ++h) {
        for (int g = 0; g <= 1; ++g) {
            for (qint64 k = 0; k <= (to - from) * 10; ++k) {
                // mJ after k tenths of a second at P W: P * k * 100.
                out += "DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION" + gpuLabels(h, g) + ' ' + QByteArray::number(gpuPower(h, g, 0) * 100.0 * double(k), 'f', 0)
                     + ' ' + QByteArray::number(from + k / 10) + '.' + QByteArray::number(k % 10) + '\n';
            }
        }
    }
    out += "# EOF\n";
    return out;
}

} // namespace testing
