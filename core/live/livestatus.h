#pragma once

#include <QMetaType>
#include <QString>

namespace nightwatt {

// Where a live source stands. A source that ended keeps every complete sample it delivered.
struct LiveStatus
{
    enum class State {
        Idle,    // not started yet
        Running,
        Stopped, // stopped on request (stop(), --duration, Ctrl+C)
        Exited,  // the input ended by itself: the sampler exited (code), the replay reached its end
        Killed,  // the sampler was killed by a signal (code = signal number, 0 when unknown)
        Failed,  // could not start or could not go on (message says why and what to do)
    };

    State state = State::Idle;
    int code = 0;
    QString message;

    bool isRunning() const { return state == State::Running; }
    bool hasEnded() const { return state != State::Idle && state != State::Running; }
    // The capture ended the way a person asked or expected (stopped, or the input exited with 0).
    bool endedCleanly() const { return state == State::Stopped || (state == State::Exited && code == 0); }

    // "running", "exited with code 3", "killed by signal 9 (SIGKILL)", "failed: ..."
    QString describe() const;

    friend bool operator==(const LiveStatus &, const LiveStatus &) = default;
};

QString signalName(int signal);

} // namespace nightwatt

Q_DECLARE_METATYPE(nightwatt::LiveStatus)
