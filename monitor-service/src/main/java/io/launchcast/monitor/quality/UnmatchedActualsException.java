package io.launchcast.monitor.quality;

import java.util.List;

/** Actuals naming forecasts that were never captured: the whole request is refused, nothing is kept. */
public class UnmatchedActualsException extends RuntimeException {

    /** One refused row: its index in the request and why. */
    public record Unmatched(int row, String reason) {
    }

    private final transient List<Unmatched> rows;

    UnmatchedActualsException(List<Unmatched> rows) {
        super(rows.size() + " actuals match no captured forecast; first: row " + rows.get(0).row() + ": "
                + rows.get(0).reason());
        this.rows = List.copyOf(rows);
    }

    public List<Unmatched> rows() {
        return rows;
    }
}
