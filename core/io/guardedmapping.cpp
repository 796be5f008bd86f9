#include "io/guardedmapping.h"

#include "platform/mappingguard.h"

namespace nightwatt {

GuardedMapping::GuardedMapping(QFile &file)
    : m_file(file)
{
    m_size = file.size();
    if (m_size <= 0)
        return;
    m_data = file.map(0, m_size);
    if (!m_data)
        return;
    m_slot = platform::guardMapping(m_data, m_size);
    if (m_slot < 0) {
        // Unguarded, a shrinking file would end the process: the caller reads it instead.
        file.unmap(m_data);
        m_data = nullptr;
    }
}

GuardedMapping::~GuardedMapping()
{
    if (!m_data)
        return;
    // Every reader of the mapping is done by now: no fault in it can come between these two.
    platform::unguardMapping(m_slot);
    m_file.unmap(m_data);
}

QByteArrayView GuardedMapping::bytes() const
{
    return m_data ? QByteArrayView(reinterpret_cast<const char *>(m_data), m_size) : QByteArrayView();
}

const std::atomic_bool &GuardedMapping::faulted() const
{
    static const std::atomic_bool never = false;
    return m_slot >= 0 ? platform::mappingFaulted(m_slot) : never;
}

qint64 GuardedMapping::currentSize() const
{
    return platform::currentFileSize(m_file);
}

bool GuardedMapping::shrank() const
{
    return faulted().load(std::memory_order_acquire) || currentSize() < m_size;
}

} // namespace nightwatt
