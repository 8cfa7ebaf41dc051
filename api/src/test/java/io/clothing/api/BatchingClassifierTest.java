package io.clothing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class BatchingClassifierTest {
  /**
   * A model whose answer is a function of the image (its first pixel picks the class and its
   * second the confidence), so an answer routed to the wrong caller is seen; it records the
   * size of every batch and can hold its first call until released.
   */
  static class FakeModel implements Classifier {
    final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger images = new AtomicInteger();
    final CountDownLatch firstCallStarted = new CountDownLatch(1);
    final CountDownLatch release;
    volatile boolean closed;

    FakeModel(boolean holdFirstCall) {
      release = new CountDownLatch(holdFirstCall ? 1 : 0);
    }

    @Override
    public Prediction predict(GrayImage image) {
      return predictAll(List.of(image)).get(0);
    }

    @Override
    public List<Prediction> predictAll(List<GrayImage> batch) {
      if (closed) {
        throw new ModelException("fake: closed");
      }
      firstCallStarted.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      batches.add(batch.size());
      images.addAndGet(batch.size());
      List<Prediction> out = new ArrayList<>();
      for (GrayImage image : batch) {
        out.add(expected(image));
      }
      return out;
    }

    @Override
    public String description() {
      return "fake";
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  static Prediction expected(GrayImage image) {
    byte[] pixels = image.pixels();
    float[] p = new float[Garment.COUNT];
    int garment = (pixels[0] & 0xFF) % Garment.COUNT;
    float confidence = 0.5f + (pixels[1] & 0xFF) / 1024f;
    java.util.Arrays.fill(p, (1 - confidence) / (Garment.COUNT - 1));
    p[garment] = confidence;
    return Prediction.of(p);
  }

  static GrayImage image(int id) {
    byte[] pixels = new byte[GrayImage.PIXELS];
    pixels[0] = (byte) id;
    pixels[1] = (byte) (id * 7);
    return GrayImage.of(pixels);
  }

  @Test
  void callsThatArriveWhileTheModelIsBusyRunAsOneBatch() throws Exception {
    FakeModel model = new FakeModel(true);
    ExecutorService pool = Executors.newFixedThreadPool(11);
    try (Classifier batching = new BatchingClassifier(model,
        new RequestBatching(Duration.ofMillis(50), 64))) {
      Future<Prediction> first = pool.submit(() -> batching.predict(image(0)));
      assertThat(model.firstCallStarted.await(10, TimeUnit.SECONDS)).isTrue();
      List<Future<Prediction>> others = new ArrayList<>();
      for (int i = 1; i <= 10; i++) {
        int id = i;
        others.add(pool.submit(() -> batching.predict(image(id))));
      }
      while (((BatchingClassifier) batching).queued() < 10) {
        Thread.onSpinWait();
      }
      model.release.countDown();
      assertThat(first.get()).isEqualTo(expected(image(0)));
      for (int i = 1; i <= 10; i++) {
        assertThat(others.get(i - 1).get()).isEqualTo(expected(image(i)));
      }
      assertThat(model.batches).containsExactly(1, 10);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aLoneCallRunsAloneAndNothingIsBatchedWhenOff() {
    FakeModel model = new FakeModel(false);
    try (Classifier batching = new BatchingClassifier(model, RequestBatching.defaults())) {
      assertThat(batching.predict(image(3))).isEqualTo(expected(image(3)));
      assertThat(model.batches).containsExactly(1);
    }
    assertThat(model.closed).isTrue();
    assertThat(RequestBatching.off().enabled()).isFalse();
  }

  @Test
  void batchesNeverExceedTheMaximum() throws Exception {
    FakeModel model = new FakeModel(false);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try (Classifier batching = new BatchingClassifier(model,
        new RequestBatching(Duration.ofMillis(5), 4))) {
      List<Future<Prediction>> calls = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        int id = i;
        calls.add(pool.submit(() -> batching.predict(image(id))));
      }
      for (int i = 0; i < calls.size(); i++) {
        assertThat(calls.get(i).get()).isEqualTo(expected(image(i)));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(model.batches).allSatisfy(size -> assertThat(size).isBetween(1, 4));
    assertThat(model.images.get()).isEqualTo(400);
  }

  @RepeatedTest(20)
  void closeRacingWithCallsLosesNoneAndAnswersNoneWrongly() throws Exception {
    FakeModel model = new FakeModel(false);
    Classifier batching = new BatchingClassifier(model,
        new RequestBatching(Duration.ofMillis(1), 8));
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    AtomicInteger answered = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    ConcurrentHashMap<String, Boolean> seen = new ConcurrentHashMap<>();
    CountDownLatch started = new CountDownLatch(threads);
    List<Future<?>> clients = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      clients.add(pool.submit(() -> {
        started.countDown();
        for (int i = 0; i < 2_000; i++) {
          int id = thread * 16 + i % 16;
          try {
            Prediction p = batching.predict(image(id));
            assertThat(p).isEqualTo(expected(image(id)));
            assertThat(seen.put(thread + ":" + i, true)).isNull();
            answered.incrementAndGet();
          } catch (ModelException e) {
            assertThat(e).hasMessageContaining("closed");
            refused.incrementAndGet();
          }
        }
      }));
    }
    started.await();
    Thread.sleep(ThreadLocalRandom.current().nextInt(5)); // close at a random point
    pool.submit(batching::close).get(30, TimeUnit.SECONDS);
    for (Future<?> client : clients) {
      client.get(30, TimeUnit.SECONDS);
    }
    pool.shutdownNow();
    assertThat(answered.get() + refused.get()).isEqualTo(threads * 2_000);
    assertThat(model.images.get()).isEqualTo(answered.get()); // each answered call ran once
    assertThat(model.closed).isTrue();
    assertThatThrownBy(() -> batching.predict(image(1))).isInstanceOf(ModelException.class);
  }

  @Test
  void aFailingBatchFailsEachOfItsCallsAndBadInputIsRefusedAlone() {
    Classifier failing = new FakeModel(false) {
      @Override
      public List<Prediction> predictAll(List<GrayImage> batch) {
        throw new ModelException("fake: broken");
      }
    };
    try (Classifier batching = new BatchingClassifier(failing, RequestBatching.defaults())) {
      assertThatThrownBy(() -> batching.predict(image(1))).isInstanceOf(ModelException.class)
          .hasMessage("fake: broken");
      assertThatThrownBy(() -> batching.predict(null))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
      assertThatThrownBy(() -> batching.predict(GrayImage.of(2, 2, new byte[4])))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("28x28");
    }
  }

  @Test
  void optionsAreChecked() {
    assertThatThrownBy(() -> new RequestBatching(Duration.ofMillis(-1), 8))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RequestBatching(Duration.ofMillis(1), 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RequestBatching(null, 8))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
