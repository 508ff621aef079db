package io.descopefilter.emulator;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.http.HttpHeaders;

/** A raw HTTP answer from the emulator, with JSON conveniences. */
record Reply(int status, HttpHeaders headers, String body) {

    JsonObject json() {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readObject();
        }
    }

    JsonArray jsonArray() {
        try (JsonReader reader = Json.createReader(new StringReader(body))) {
            return reader.readArray();
        }
    }

    String errorCode() {
        return json().getString("errorCode");
    }

    String header(String name) {
        return headers.firstValue(name).orElse(null);
    }
}
