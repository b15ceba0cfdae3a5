package io.launchcast.forecast.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;

/** Run parameters that cannot start a run are the caller's mistake: a 400 problem with the reason. */
class PipelineRunsControllerTest {

    @Test
    void parametersThatCannotStartARunAnswer400WithTheReason() throws Exception {
        PipelineExecutions refusing = new PipelineExecutions() {
            public PipelineRun start(PipelineDefinition definition, Map<String, String> parameters) {
                throw new InvalidRunParametersException("the SageMaker pipeline takes no parameter learningRate");
            }

            public List<PipelineRun> runs() {
                return List.of();
            }

            public Optional<PipelineRun> find(String id) {
                return Optional.empty();
            }
        };
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("training", new PipelineDefinition("cold-start-training", List.of()));
        PipelineRunsController controller = new PipelineRunsController(refusing,
                beans.getBeanProvider(PipelineDefinition.class));
        InvalidRunParametersException reason = catchThrowableOfType(InvalidRunParametersException.class,
                () -> controller.start(new PipelineRunsController.PipelineRunRequest(null, Map.of("learningRate", "1"))));

        ProblemDetail problem = controller.invalidParameters(reason);

        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getType()).isEqualTo(PipelineRunsController.INVALID_PARAMETERS);
        assertThat(problem.getDetail()).contains("learningRate");
        assertThat(PipelineRunsController.class.getDeclaredMethod("invalidParameters", InvalidRunParametersException.class)
                .getAnnotation(ExceptionHandler.class).value()).containsExactly(InvalidRunParametersException.class);
    }
}
