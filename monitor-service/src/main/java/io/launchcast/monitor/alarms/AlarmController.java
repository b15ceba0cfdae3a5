package io.launchcast.monitor.alarms;

import io.launchcast.platform.problem.ProblemTypes;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /alarms} (states) and {@code GET /alarms/{name}/history} (transitions, oldest first). */
@RestController
class AlarmController {

    private final LocalAlarms alarms;

    AlarmController(LocalAlarms alarms) {
        this.alarms = alarms;
    }

    @GetMapping("/alarms")
    List<Alarm> all() {
        return alarms.all();
    }

    @GetMapping("/alarms/{name}/history")
    ResponseEntity<List<Alarm.Transition>> history(@PathVariable String name) {
        return ResponseEntity.ok(alarms.history(name).orElseThrow(() -> ProblemTypes.notFound("no alarm named '"
                + name + "'; GET /alarms lists them")));
    }
}
