#include "live/livestatus.h"

#include <csignal>

namespace nightwatt {

QString signalName(int signal)
{
    switch (signal) {
    case SIGINT:
        return QStringLiteral("SIGINT");
    case SIGTERM:
        return QStringLiteral("SIGTERM");
    case SIGSEGV:
        return QStringLiteral("SIGSEGV");
    case SIGABRT:
        return QStringLiteral("SIGABRT");
#ifdef SIGKILL
    case SIGKILL:
        return QStringLiteral("SIGKILL");
#endif
#ifdef SIGHUP
    case SIGHUP:
        return QStringLiteral("SIGHUP");
#endif
#ifdef SIGPIPE
    case SIGPIPE:
        return QStringLiteral("SIGPIPE");
#endif
#ifdef SIGBUS
    case SIGBUS:
        return QStringLiteral("SIGBUS");
#endif
    default:
        return {};
    }
}

QString LiveStatus::describe() const
{
    QString text;
    switch (state) {
    case State::Idle:
        text = QStringLiteral("not started");
        break;
    case State::Running:
        text = QStringLiteral("running");
        break;
    case State::Stopped:
        text = QStringLiteral("stopped");
        break;
    case State::Exited:
        text = QStringLiteral("exited with code %1").arg(code);
        break;
    case State::Killed: {
        const QString name = signalName(code);
        text = code == 0 ? QStringLiteral("killed") : QStringLiteral("killed by signal %1").arg(code);
        if (!name.isEmpty())
            text += QStringLiteral(" (%1)").arg(name);
        break;
    }
    case State::Failed:
        text = QStringLiteral("failed");
        break;
    }
    if (!message.isEmpty())
        text += QStringLiteral(": ") + message;
    return text;
}

} // namespace nightwatt
