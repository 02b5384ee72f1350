package org.symptomchecker.chat;

/** Another turn of the conversation was recorded after this one read it: this one is answered again or refused. */
public class ConcurrentTurnException extends RuntimeException {

    public ConcurrentTurnException() {
        super("another turn of this conversation was recorded first", null, false, false);
    }
}
