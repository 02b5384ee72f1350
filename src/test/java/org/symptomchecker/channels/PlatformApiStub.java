package org.symptomchecker.channels;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A WireMock server on 127.0.0.1 standing in for Meta's Graph API and Slack's Web API, started before the
 * application of a profile that lists it, which sends its WhatsApp and Slack replies there. By default both send
 * endpoints accept every message; a test adds stubs of a higher priority for its own recipient. A test field of
 * type {@link WireMockServer} annotated {@link Server} gets the running server.
 */
public class PlatformApiStub implements QuarkusTestResourceLifecycleManager {

    /** Priority of the accepting default stubs; a test's own stubs take a smaller number to win. */
    public static final int DEFAULT_PRIORITY = 10;

    /** Marks the test field that gets the running {@link WireMockServer}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Server {
    }

    private WireMockServer server;

    /** The WhatsApp send endpoint's path under the Graph API's base URL. */
    public static String whatsAppSendPath() {
        return "/v" + ChannelsProfile.WHATSAPP_GRAPH_VERSION + "/" + ChannelsProfile.WHATSAPP_PHONE_NUMBER_ID + "/messages";
    }

    /** Slack's send endpoint under its Web API base URL. */
    public static final String SLACK_SEND_PATH = "/chat.postMessage";

    @Override
    public Map<String, String> start() {
        // the console notifier, not the application's log: what a test sends must not be mistaken for what the service logs
        server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().notifier(new ConsoleNotifier(false)));
        server.start();
        server.stubFor(post(urlPathEqualTo(whatsAppSendPath())).atPriority(DEFAULT_PRIORITY)
                .willReturn(okJson("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.sent\"}]}")));
        server.stubFor(post(urlPathEqualTo(SLACK_SEND_PATH)).atPriority(DEFAULT_PRIORITY)
                .willReturn(okJson("{\"ok\":true,\"channel\":\"C0\",\"ts\":\"1733480000.000100\"}")));
        String base = "http://127.0.0.1:" + server.port();
        return Map.of("symptom.channels.whatsapp.graph-base-url", base,
                "symptom.channels.slack.api-base-url", base);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Server.class, WireMockServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
