package io.ramal.media.mixer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ramal.media.FrameSink;
import io.ramal.media.audio.Goertzel;
import io.ramal.media.audio.SignalLevel;
import io.ramal.media.audio.ToneDetector;
import io.ramal.media.audio.ToneGenerator;
import io.ramal.media.player.ManualTicker;
import io.ramal.media.player.MediaClock;
import io.ramal.media.player.ClockListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConferenceMixerTest {
    private static final double A = 500;
    private static final double B = 1100;
    private static final double C = 1700;

    private final ConferenceMixer mixer = new ConferenceMixer();

    @Test
    void eachParticipantHearsTheOtherTwoAndNotItself() {
        Party a = join("a", A);
        Party b = join("b", B);
        Party c = join("c", C);

        run(10, a, b, c);

        a.hears(B, C).doesNotHear(A);
        b.hears(A, C).doesNotHear(B);
        c.hears(A, B).doesNotHear(C);
    }

    @Test
    void aParticipantHeardByNobodyHearsEveryoneWhileTheOthersHearOnlyEachOther() {
        Party caller = join("caller", A);
        Party agent = join("agent", B);
        Party supervisor = join("supervisor", C);
        supervisor.participant.heardOnlyBy(List.of());

        run(10, caller, agent, supervisor);

        supervisor.hears(A, B);
        caller.hears(B).doesNotHear(C);
        agent.hears(A).doesNotHear(C);
    }

    @Test
    void aParticipantHeardByOneOtherIsHeardByThatOneOnly() {
        Party caller = join("caller", A);
        Party agent = join("agent", B);
        Party supervisor = join("supervisor", C);
        supervisor.participant.heardOnlyBy(List.of(agent.participant));

        run(10, caller, agent, supervisor);

        agent.hears(A, C).doesNotHear(B);
        caller.hears(B).doesNotHear(C);
        supervisor.hears(A, B).doesNotHear(C);
    }

    @Test
    void aRestrictedParticipantHeardByAllAgainIsHeardByEveryone() {
        Party caller = join("caller", A);
        Party agent = join("agent", B);
        Party supervisor = join("supervisor", C);
        supervisor.participant.heardOnlyBy(List.of());
        run(5, caller, agent, supervisor);
        caller.doesNotHear(C);

        supervisor.participant.heardByAll();
        caller.clear();
        agent.clear();
        run(5, caller, agent, supervisor);

        caller.hears(B, C);
        agent.hears(A, C);
        assertThat(supervisor.participant.heardByEveryone()).isTrue();
    }

    @Test
    void mutedParticipantIsNotHeardButStillHears() {
        Party a = join("a", A);
        Party b = join("b", B);
        Party c = join("c", C);
        a.participant.mute(true);

        run(10, a, b, c);

        b.hears(C).doesNotHear(A);
        c.hears(B).doesNotHear(A);
        a.hears(B, C);
        a.participant.mute(false);
        a.clear();
        b.clear();
        run(5, a, b, c);
        b.hears(A, C);
    }

    @Test
    void deafParticipantHearsSilenceButIsHeard() {
        Party a = join("a", A);
        Party b = join("b", B);
        a.participant.deafen(true);

        run(5, a, b);

        assertThat(a.frames).hasSize(5).allSatisfy(f -> assertThat(SignalLevel.isSilent(f)).isTrue());
        b.hears(A);
    }

    @Test
    void leaverGetsNoMoreFramesAndIsNoLongerHeard() {
        Party a = join("a", A);
        Party b = join("b", B);
        Party c = join("c", C);
        run(3, a, b, c);

        c.participant.leave();
        a.clear();
        int before = c.frames.size();
        run(5, a, b, c);

        assertThat(c.frames).hasSize(before);
        assertThat(c.participant.present()).isFalse();
        assertThat(mixer.size()).isEqualTo(2);
        a.hears(B).doesNotHear(C);
    }

    @Test
    void aLoneParticipantHearsSilence() {
        Party a = join("a", A);

        run(3, a);

        assertThat(a.frames).hasSize(3).allSatisfy(f -> assertThat(f).containsOnly((short) 0));
    }

    @Test
    void anEmptyConferenceTicksHappily() {
        assertThat(mixer.tick()).isTrue();
        assertThat(mixer.participants()).isEmpty();
    }

    @Test
    void aParticipantWhoSentNothingContributesSilence() {
        Party a = join("a", A);
        Party b = join("b", B);

        a.speak(); // b says nothing this tick
        mixer.tick();

        b.hears(A);
        assertThat(SignalLevel.isSilent(a.frames.get(0))).isTrue();
    }

    @Test
    void loudVoicesAreSoftLimitedNotWrapped() {
        List<Party> parties = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            parties.add(join("p" + i, 400 + 300 * i, 0.9));
        }
        Party listener = join("listener", 3500, 0.01);
        parties.add(listener);

        run(3, parties.toArray(Party[]::new));

        for (short[] f : listener.frames) {
            assertThat(SignalLevel.peak(f)).isLessThanOrEqualTo(Short.MAX_VALUE);
        }
        listener.hears(400, 700, 1000, 1300, 1600);
    }

    @Test
    void closedMixerLeavesItsClockAndRefusesJoins() {
        join("a", A);

        mixer.close();

        assertThat(mixer.tick()).isFalse();
        assertThatThrownBy(() -> mixer.join("b", FrameSink.NONE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailingOutputDoesNotSilenceTheOthers() {
        mixer.join("broken", frame -> {
            throw new IllegalStateException("socket closed");
        });
        Party a = join("a", A);
        Party b = join("b", B);

        run(2, a, b);

        a.hears(B);
        assertThat(mixer.outputFailures()).isEqualTo(2);
    }

    @Test
    void mixesOnTheMediaClockWithInputsWrittenFromOtherThreads() throws InterruptedException {
        ManualTicker ticker = new ManualTicker();
        List<short[]> heardByA = java.util.Collections.synchronizedList(new ArrayList<>());
        try (MediaClock clock = MediaClock.start("mixer-clock", ticker, ClockListener.NONE)) {
            ticker.awaitIdle();
            Participant a = mixer.join("a", f -> heardByA.add(f.clone()));
            Participant b = mixer.join("b", FrameSink.NONE);
            clock.register(mixer);
            ToneGenerator toneB = ToneGenerator.sine(B, 0.3);
            for (int i = 0; i < 10; i++) {
                CountDownLatch written = new CountDownLatch(1);
                Thread.ofVirtual().start(() -> {
                    b.input().write(toneB.read());
                    a.input().write(ToneGenerator.sine(A, 0.3).read());
                    written.countDown();
                });
                assertThat(written.await(5, TimeUnit.SECONDS)).isTrue();
                ticker.advance(Duration.ofMillis(20));
                ticker.awaitIdle();
            }
        }
        assertThat(heardByA).hasSize(10);
        for (short[] f : heardByA) {
            assertThat(new ToneDetector(B).present(f)).isTrue();
            assertThat(Goertzel.levelDbfs(f, A)).isLessThan(-50);
        }
    }

    private Party join(String id, double frequency) {
        return join(id, frequency, 0.3);
    }

    private Party join(String id, double frequency, double amplitude) {
        Party party = new Party(ToneGenerator.sine(frequency, amplitude));
        party.participant = mixer.join(id, f -> party.frames.add(f.clone()));
        return party;
    }

    private void run(int ticks, Party... parties) {
        for (int i = 0; i < ticks; i++) {
            for (Party p : parties) {
                p.speak();
            }
            mixer.tick();
        }
    }

    /** A participant speaking a tone and recording what it hears. */
    private static final class Party {
        final ToneGenerator voice;
        final List<short[]> frames = new ArrayList<>();
        Participant participant;

        Party(ToneGenerator voice) {
            this.voice = voice;
        }

        void speak() {
            participant.input().write(voice.read());
        }

        void clear() {
            frames.clear();
        }

        Party hears(double... frequencies) {
            assertThat(frames).isNotEmpty();
            for (short[] f : frames) {
                for (double frequency : frequencies) {
                    assertThat(new ToneDetector(frequency, -40, 20).present(f)).as("%s Hz heard by %s", frequency, participant.id()).isTrue();
                }
            }
            return this;
        }

        Party doesNotHear(double frequency) {
            for (short[] f : frames) {
                assertThat(Goertzel.levelDbfs(f, frequency)).as("%s Hz heard by %s", frequency, participant.id()).isLessThan(-50);
            }
            return this;
        }
    }
}
