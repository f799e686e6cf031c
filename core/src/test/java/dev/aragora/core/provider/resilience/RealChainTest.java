package dev.aragora.core.provider.resilience;

import static dev.aragora.core.provider.resilience.Fakes.reply;
import static dev.aragora.core.provider.resilience.Fakes.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aragora.core.provider.ChatProvider;
import dev.aragora.core.provider.ChatResponse;
import dev.aragora.core.provider.TokenListener;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealChainTest {
  private final Fakes.Scripted provider = new Fakes.Scripted(reply());

  private ChatResponse run(Link... links) throws InterruptedException {
    return RealChain.run(List.of(links), provider, request(), TokenListener.NONE);
  }

  @Test
  void linksRunInOrderAndTheLastCallsTheProvider() throws InterruptedException {
    List<String> order = new ArrayList<>();
    ChatResponse response = run(
        Link.outer(chain -> { order.add("outer"); return chain.proceed(chain.request()); }),
        Link.once(chain -> { order.add("inner"); return chain.proceed(chain.request()); }));

    assertThat(order).containsExactly("outer", "inner");
    assertThat(response).isEqualTo(reply());
    assertThat(provider.calls()).isEqualTo(1);
  }

  @Test
  void linkMayRewriteTheRequestForTheRestOfTheChain() throws InterruptedException {
    run(Link.once(chain -> chain.proceed(chain.request().withModel("gpt-5.4"))),
        Link.once(chain -> {
          assertThat(chain.request().model()).isEqualTo("gpt-5.4");
          return chain.proceed(chain.request());
        }));

    assertThat(provider.requests).singleElement().extracting(r -> r.model()).isEqualTo("gpt-5.4");
  }

  @Test
  void innerInterceptorCallingProceedTwiceIsRejected() {
    assertThatThrownBy(() -> run(Link.once(chain -> {
      chain.proceed(chain.request());
      return chain.proceed(chain.request());
    })))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("must call proceed() exactly once");
    assertThat(provider.calls()).isEqualTo(1);
  }

  @Test
  void innerInterceptorNotCallingProceedIsRejected() {
    assertThatThrownBy(() -> run(Link.once(chain -> reply())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("must call proceed() exactly once");
  }

  @Test
  void outerInterceptorMayCallProceedSeveralTimes() throws InterruptedException {
    ChatResponse response = run(Link.outer(chain -> {
      chain.proceed(chain.request());
      chain.proceed(chain.request());
      return chain.proceed(chain.request());
    }), Link.once(chain -> chain.proceed(chain.request())));

    assertThat(response).isEqualTo(reply());
    assertThat(provider.calls()).isEqualTo(3);
  }

  @Test
  void outerInterceptorMayShortCircuitWithoutProceeding() throws InterruptedException {
    ChatResponse canned = reply("cache", "none");

    assertThat(run(Link.outer(chain -> canned))).isSameAs(canned);
    assertThat(provider.calls()).isZero();
  }

  @Test
  void interceptorReturningNullIsRejected() {
    assertThatThrownBy(() -> run(Link.outer(chain -> {
      chain.proceed(chain.request());
      return null;
    })))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("returned null");
  }

  @Test
  void providerReturningNullIsRejected() {
    ChatProvider broken = (request, tokens) -> null;

    assertThatThrownBy(() -> RealChain.run(List.of(), broken, request(), TokenListener.NONE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("provider returned null");
  }

  @Test
  void tokensReachTheProvider() throws InterruptedException {
    List<String> deltas = new ArrayList<>();
    ChatProvider streaming = (request, tokens) -> {
      tokens.onToken("an ");
      tokens.onToken("answer");
      return reply();
    };

    RealChain.run(List.of(Link.once(chain -> chain.proceed(chain.request()))), streaming, request(), deltas::add);

    assertThat(deltas).containsExactly("an ", "answer");
  }
}
