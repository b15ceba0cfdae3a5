package io.launchcast.feature.online;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations on the online store itself. */
@RestController
class OnlineStoreController {

    private final OnlineStore store;

    OnlineStoreController(OnlineStore store) {
        this.store = store;
    }

    /**
     * Compacts the online store now, whatever its fill rate (a sync compacts it when little of it is live,
     * {@code launchcast.features.compact-online-below-fill-rate}); answers what the compaction did.
     */
    @PostMapping("/online-store/compactions")
    Compaction compact() {
        return store.compact(100);
    }
}
