#pragma once

#include "formats/gpusnapshot.h"
#include "formats/jsonstream.h"
#include "formats/logparser.h"

#include <QJsonObject>

namespace nightwatt {

// `amd-smi metric --power --json` (AMD GPUs, ROCm 6 and newer, the successor of rocm-smi): a list
// of {"gpu": N, "power": {"socket_power": {"value": 142, "unit": "W"}, ...}}, wrapped as
// {"gpu_data": [...]} by newer versions. The figure is socket_power, or in some versions
// current_socket_power (MI300) / average_socket_power (older cards); "N/A" means none. Each
// entry may carry a "timestamp" (epoch seconds); without one, polls are timed like rocm-smi's.
// A log is one document or several appended.
class AmdSmiJsonParser final : public LogParser
{
public:
    AmdSmiJsonParser();

    static int sniff(QByteArrayView head);

    void feed(QByteArrayView bytes) override;
    void finish() override;

private:
    void readDocument(QByteArrayView document, qint64 line);
    void readEntry(const QJsonObject &entry, qint64 line);

    JsonStream m_stream;
    GpuPollGatherer m_polls;
    bool m_started = false;
    bool m_failed = false;
    bool m_sawPower = false;
    bool m_stamped = false;
};

} // namespace nightwatt
