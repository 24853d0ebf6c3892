// What the core may remember between the verifications of one batch: list
// signatures that verified and the manifest last parsed, compared byte for
// byte, positive results only, so the fixed cost of a list is paid once
// per batch. Same input, same answer: it changes speed, never a verdict.
// The host owns it (the CLI for a run, the engine's bindings for their
// module) and passes it in; without one the core remembers nothing.
#pragma once

#include <memory>

namespace sealcheck {

class ListMemory final {
 public:
  ListMemory();
  ~ListMemory();
  ListMemory(const ListMemory&) = delete;
  ListMemory& operator=(const ListMemory&) = delete;

  struct State;  // src/list_memory.h
  State& state() { return *m_state; }

 private:
  std::unique_ptr<State> m_state;
};

}  // namespace sealcheck
