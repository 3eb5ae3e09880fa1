"""Stand-ins for MLServer's Hugging Face runtime (`mlserver_huggingface.HuggingFaceRuntime`).

That runtime pulls PyTorch and TensorFlow with CUDA wheels (several GB), too heavy for CI here, and
its models come from the Hub. These custom MLServer models keep its interface instead: the input
`args` (BYTES), the output `output` (BYTES, `content_type: hg_jsonlist`, one JSON object per input
element) with the fields the pipelines of Seldon's samples read, and small deterministic models made
from the file `parameters.uri` names (written by samples/mirror-generator/mlserver/generate.py):

- SentimentAnalysis (task sentiment-analysis): {"label": "POSITIVE"|"NEGATIVE", "score": p}, from a
  word list (`lexicon.json`: word -> weight), p = logistic(sum of weights).
- TextGeneration (task text-generation): {"generated_text": prompt + continuation}, greedy over a
  bigram table (`bigrams.json`), `max_new_tokens` (Model parameter, default 20) words at most.
- SpeechRecognition (task automatic-speech-recognition): {"text": ...} from a 16 kHz mono WAV
  (`content_type: base64`), in which the generator's `speak` wrote one 40 ms tone per character:
  frequency 400 Hz + 50 Hz x the character's index in ALPHABET (each on a 25 Hz FFT bin of 40 ms). Not speech: the same shapes, and a
  transcript that is exactly the text the test audio was made from.
"""

import io
import json
import math
import re
import wave
from pathlib import Path

import numpy as np
from mlserver import MLModel
from mlserver.codecs import Base64Codec, StringCodec
from mlserver.types import InferenceRequest, InferenceResponse, ResponseOutput
from mlserver.utils import get_model_uri

ALPHABET = " abcdefghijklmnopqrstuvwxyz.,'?!"
SAMPLE_RATE = 16_000
TONE_SECONDS = 0.04
WORD = re.compile(r"[a-z']+")


def tone_frequency(index: int) -> float:
    return 400.0 + 50.0 * index


def hg_jsonlist(objects) -> ResponseOutput:
    data = [json.dumps(o) for o in objects]
    return ResponseOutput(name="output", datatype="BYTES", shape=[1, len(data)], data=data,
                          parameters={"content_type": "hg_jsonlist"})


def texts(payload: InferenceRequest):
    """Every string element of every input (Seldon's requests name the tensor `args`)."""
    out = []
    for request_input in payload.inputs:
        out.extend(str(e) for e in StringCodec.decode_input(request_input))
    return out


class SentimentAnalysis(MLModel):
    async def load(self) -> bool:
        self._weights = json.loads(Path(await get_model_uri(self.settings)).read_text())
        return True

    def _classify(self, text: str) -> dict:
        score = sum(self._weights.get(word, 0.0) for word in WORD.findall(text.lower()))
        positive = 1.0 / (1.0 + math.exp(-score))
        label = "POSITIVE" if positive >= 0.5 else "NEGATIVE"
        return {"label": label, "score": round(positive if label == "POSITIVE" else 1.0 - positive, 6)}

    async def predict(self, payload: InferenceRequest) -> InferenceResponse:
        return InferenceResponse(model_name=self.name, model_version=self.version,
                                 outputs=[hg_jsonlist(self._classify(t) for t in texts(payload))])


class TextGeneration(MLModel):
    async def load(self) -> bool:
        self._next = json.loads(Path(await get_model_uri(self.settings)).read_text())
        extra = (self.settings.parameters.extra or {}) if self.settings.parameters else {}
        self._max_new_tokens = int(extra.get("max_new_tokens", 20))
        return True

    def _continue(self, prompt: str) -> str:
        words = WORD.findall(prompt.lower())
        # A prompt ending in a word the table does not know goes on from "the", as a language model would go on somehow.
        word = words[-1] if words and words[-1] in self._next else "the"
        added = []
        for _ in range(self._max_new_tokens):
            word = self._next.get(word)
            if word is None:
                break
            added.append(word)
        return prompt + ("" if not added else " " + " ".join(added))

    async def predict(self, payload: InferenceRequest) -> InferenceResponse:
        return InferenceResponse(model_name=self.name, model_version=self.version,
                                 outputs=[hg_jsonlist({"generated_text": self._continue(t)} for t in texts(payload))])


def speak(text: str) -> bytes:
    """A 16 kHz mono WAV that SpeechRecognition transcribes as `text` (lower case, ALPHABET only)."""
    step = int(SAMPLE_RATE * TONE_SECONDS)
    t = np.arange(step) / SAMPLE_RATE
    tones = [np.sin(2 * np.pi * tone_frequency(ALPHABET.index(c)) * t) for c in text.lower() if c in ALPHABET]
    samples = (np.concatenate(tones) * 12_000).astype(np.int16) if tones else np.zeros(0, dtype=np.int16)
    out = io.BytesIO()
    with wave.open(out, "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(SAMPLE_RATE)
        audio.writeframes(samples.tobytes())
    return out.getvalue()


def transcribe(wav: bytes) -> str:
    with wave.open(io.BytesIO(wav)) as audio:
        rate, frames = audio.getframerate(), audio.readframes(audio.getnframes())
    samples = np.frombuffer(frames, dtype=np.int16).astype(np.float64)
    step = int(rate * TONE_SECONDS)
    chars = []
    for start in range(0, len(samples) - step + 1, step):
        window = samples[start:start + step]
        if np.abs(window).max() < 1:
            continue
        spectrum = np.abs(np.fft.rfft(window * np.hanning(step)))
        frequency = np.argmax(spectrum) * rate / step
        index = int(round((frequency - 400.0) / 50.0))
        if 0 <= index < len(ALPHABET):
            chars.append(ALPHABET[index])
    return "".join(chars).strip()


class SpeechRecognition(MLModel):
    async def load(self) -> bool:
        return True

    async def predict(self, payload: InferenceRequest) -> InferenceResponse:
        transcripts = []
        for request_input in payload.inputs:
            for audio in Base64Codec.decode_input(request_input):
                transcripts.append({"text": transcribe(audio)})
        return InferenceResponse(model_name=self.name, model_version=self.version,
                                 outputs=[hg_jsonlist(transcripts)])
