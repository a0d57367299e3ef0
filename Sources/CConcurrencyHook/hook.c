#include "CConcurrencyHook.h"

// Defined by the Swift concurrency runtime (include/swift/Runtime/Concurrency.h).
extern void *swift_task_enqueueGlobal_hook;

void lightbridge_set_enqueue_global_hook(void *hook) {
    __atomic_store_n(&swift_task_enqueueGlobal_hook, hook, __ATOMIC_SEQ_CST);
}
