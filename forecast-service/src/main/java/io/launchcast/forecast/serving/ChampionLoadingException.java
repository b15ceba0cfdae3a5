package io.launchcast.forecast.serving;

/**
 * The serving model was let go so that the newly approved one, which the heap cannot hold beside it, could be built;
 * forecasts are answered again once it is loaded.
 */
public class ChampionLoadingException extends RuntimeException {

    private final String group;
    private final String loading;

    public ChampionLoadingException(String group, String loading) {
        super(loading + " is being loaded to serve '" + group + "'");
        this.group = group;
        this.loading = loading;
    }

    public String group() {
        return group;
    }

    /** The version being loaded. */
    public String loading() {
        return loading;
    }
}
