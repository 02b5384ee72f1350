package org.symptomchecker.retrieval;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** Search by POST: the query in the body, never in the URL; the same results and refusals as the deprecated GET. */
@QuarkusTest
class SearchPostTest {

    private static ValidatableResponse post(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/search").then();
    }

    private static void refused(ValidatableResponse r, int status, String detailFragment) {
        r.statusCode(status).contentType(containsString("problem+json")).body("status", equalTo(status))
                .body("detail", containsString(detailFragment))
                .body(not(containsString("Exception"))).body(not(containsString("at org.")));
    }

    @Test
    void givesWhatGetGives() {
        for (String mode : new String[] {"hybrid", "bm25", "vector"}) {
            List<Map<String, Object>> byGet = given().queryParam("q", "shingles rash").queryParam("limit", 3)
                    .queryParam("mode", mode).get("/api/v1/search").then().statusCode(200).extract().jsonPath().getList("results");
            List<Map<String, Object>> byPost = post("{\"q\":\"shingles rash\",\"limit\":3,\"mode\":\"" + mode + "\"}")
                    .statusCode(200).contentType(containsString("json")).extract().jsonPath().getList("results");
            assertThat(byPost).as(mode).isNotEmpty().hasSizeLessThanOrEqualTo(3).isEqualTo(byGet);
            assertThat(byPost.get(0)).containsKeys("documentId", "passageId", "title", "url", "score", "text");
        }
    }

    @Test
    void limitAndModeAreOptional() {
        JsonPath byPost = post("{\"q\":\"back pain\"}").statusCode(200).extract().jsonPath();
        JsonPath byGet = given().queryParam("q", "back pain").get("/api/v1/search").then().statusCode(200).extract().jsonPath();
        assertThat(byPost.getList("results")).isNotEmpty().hasSizeLessThanOrEqualTo(10).isEqualTo(byGet.getList("results"));
        post("{\"q\":\"back pain\",\"limit\":null,\"mode\":null}").statusCode(200);
        post("{\"q\":\"back pain\",\"limit\":50,\"mode\":\" BM25 \"}").statusCode(200);
    }

    @Test
    void badBodiesAreClearProblems() {
        refused(given().contentType(ContentType.JSON).post("/api/v1/search").then(), 400, "body is required");
        refused(post("{}"), 400, "'q'");
        refused(post("{\"q\":\"   \"}"), 400, "'q'");
        refused(post("{\"q\":null}"), 400, "'q'");
        refused(post("{\"q\":12}"), 400, "'q'");
        refused(post("{\"q\":[\"back pain\"]}"), 400, "'q'");
        refused(post("{\"q\":\"back pain\",\"limit\":0}"), 400, "limit");
        refused(post("{\"q\":\"back pain\",\"limit\":51}"), 400, "limit");
        refused(post("{\"q\":\"back pain\",\"limit\":\"5\"}"), 400, "limit");
        refused(post("{\"q\":\"back pain\",\"limit\":2.5}"), 400, "limit");
        refused(post("{\"q\":\"back pain\",\"mode\":\"psychic\"}"), 400, "mode");
        refused(post("{\"q\":\"back pain\",\"mode\":3}"), 400, "mode");
        refused(post("{\"q\":\"back pain\",\"q\":\"hello\"}"), 400, "more than once");
        refused(post("{\"q\":\"back pain\""), 400, "JSON");
        refused(post("not json"), 400, "JSON");
        refused(post("[\"back pain\"]"), 400, "");
        refused(post("\"back pain\""), 400, "");
        refused(post("{\"q\":\"" + "b".repeat(2001) + "\"}"), 413, "2000");
        refused(given().contentType(ContentType.TEXT).body("q=back pain").post("/api/v1/search").then(), 415, "application/json");
        refused(post("{\"q\":\"" + "b".repeat(70_000) + "\"}"), 413, "bytes");
    }

    @Test
    void theOpenApiMarksGetDeprecated() {
        JsonPath api = given().accept(ContentType.JSON).get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Object> search = api.getMap("paths.'/api/v1/search'");
        assertThat(search).containsKeys("get", "post");
        assertThat(api.getBoolean("paths.'/api/v1/search'.get.deprecated")).isTrue();
        assertThat(api.getString("paths.'/api/v1/search'.post.deprecated")).isNull();
        assertThat(api.getMap("paths.'/api/v1/search'.post.requestBody.content")).containsKey("application/json");
    }
}
