package dev.coffeeshop.intake.menu;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class MenuController {

    private final Menu menu;

    MenuController(Menu menu) {
        this.menu = menu;
    }

    @GetMapping("/menu")
    ResponseEntity<Menu> menu() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(5)))
                .body(menu);
    }
}
