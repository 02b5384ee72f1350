package org.symptomchecker.channels;

import org.symptomchecker.TestFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@link AcknowledgedBeforeRestartTest} leaves for {@link SentAfterRestartTest}: the deliveries it had
 * acknowledged (channel, delivery id, recipient), in this Maven run's data folder under target/, so a file of an
 * earlier run is never read.
 */
final class RestartHandover {

    /** One acknowledged delivery whose reply is still to be sent. */
    record Delivery(String channel, String deliveryId, String recipient) {
    }

    private RestartHandover() {
    }

    static Path file() {
        return TestFiles.dataDir().resolve("channels-restart.txt");
    }

    static void write(List<Delivery> deliveries) {
        StringBuilder text = new StringBuilder();
        deliveries.forEach(d -> text.append(d.channel()).append(' ').append(d.deliveryId()).append(' ').append(d.recipient()).append('\n'));
        try {
            Files.createDirectories(file().getParent());
            Files.writeString(file(), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Delivery> read() {
        try {
            return Files.readAllLines(file()).stream().filter(l -> !l.isBlank()).map(l -> l.split(" "))
                    .map(f -> new Delivery(f[0], f[1], f[2])).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
