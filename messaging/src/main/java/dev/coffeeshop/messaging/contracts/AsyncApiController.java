package dev.coffeeshop.messaging.contracts;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The service's AsyncAPI document as checked in ({@code contracts/asyncapi.json} in its jar). Served as it is rather
 * than made at start-up: the build made it from the event records and the bindings and failed if the file differed,
 * so the file is what the code does, without a schema generator in the running service.
 */
@RestController
class AsyncApiController {

    private final byte[] document;

    AsyncApiController(Resource document) throws IOException {
        try (InputStream in = document.getInputStream()) {
            this.document = in.readAllBytes();
        }
    }

    @GetMapping(path = ContractsAutoConfiguration.ASYNCAPI_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> asyncApi() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .contentType(MediaType.APPLICATION_JSON)
                .body(document);
    }
}
