package io.launchcast.ingestion.curated;

/** The curated output could not be produced (staging, transformation or Parquet writing failed). */
public class CuratedWriteException extends RuntimeException {

    public CuratedWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
